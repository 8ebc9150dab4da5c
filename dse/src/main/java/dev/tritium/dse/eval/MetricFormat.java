package dev.tritium.dse.eval;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How metric values are printed: 10 significant digits, plain notation, no trailing zeros. The text is
 * the value of record: the Pareto front is computed from the printed values, so a resumed sweep (whose
 * early rows come back from disk) and an uninterrupted one agree exactly.
 */
public final class MetricFormat {

  private static final MathContext DIGITS = new MathContext(10, RoundingMode.HALF_EVEN);

  private MetricFormat() {}

  public static String format(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("metric value is not finite: " + v);
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal d = new BigDecimal(v).round(DIGITS).stripTrailingZeros();
    return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
  }

  public static String format(long v) {
    return Long.toString(v);
  }
}
