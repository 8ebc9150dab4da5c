package dev.tritium.cli.report.svg;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Short tick and value labels: SI prefixes for large numbers, just enough decimals for small ones. */
public final class TickFormat {

  private static final String[] PREFIXES = {"", "k", "M", "G", "T", "P", "E"};

  private TickFormat() {}

  /** A tick of a linear axis with the given step: as many decimals as the step needs, SI above 10^4. */
  public static String linear(double v, double step) {
    if (Math.abs(v) >= 1e4) {
      return si(v);
    }
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    return s.startsWith("-") && Double.parseDouble(s) == 0 ? s.substring(1) : s;
  }

  /**
   * Three significant digits with an SI prefix from 10^3 (1.5k, 20M, 1G); plain decimals down to 10^-3;
   * scientific notation below.
   */
  public static String si(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1e3) {
      int p = Math.min(PREFIXES.length - 1, (int) Math.floor(Math.log10(a) / 3));
      BigDecimal d = significant(v / Math.pow(10, 3 * p));
      if (d.abs().compareTo(BigDecimal.valueOf(1000)) >= 0 && p < PREFIXES.length - 1) {
        p++; // 999.96k rounds to 1000k: say 1M
        d = significant(v / Math.pow(10, 3 * p));
      }
      return d.toPlainString() + PREFIXES[p];
    }
    if (a >= 1e-3) {
      return significant(v).toPlainString();
    }
    return String.format(Locale.ROOT, "%.2e", v).replaceFirst("\\.?0+e", "e");
  }

  private static BigDecimal significant(double v) {
    BigDecimal d = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }
}
