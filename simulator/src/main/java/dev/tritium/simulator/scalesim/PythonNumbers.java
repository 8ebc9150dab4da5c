package dev.tritium.simulator.scalesim;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's number semantics where SCALE-Sim's output depends on them: {@code int / int} true
 * division (correctly rounded) and {@code repr(float)} / {@code str(float)} (shortest round-tripping
 * digits, fixed notation for decimal exponents in [-4, 16), {@code 1e-05} style otherwise).
 */
final class PythonNumbers {

  private static final long EXACT_LIMIT = 1L << 53;

  private PythonNumbers() {}

  /** Python 3 {@code a / b} for integers: the double nearest to the exact quotient. */
  static double trueDivide(long a, long b) {
    if (b == 0) {
      throw new ArithmeticException("division by zero");
    }
    if (Math.abs(a) <= EXACT_LIMIT && Math.abs(b) <= EXACT_LIMIT) {
      return (double) a / (double) b; // both exact, IEEE division rounds once
    }
    return new BigDecimal(a).divide(new BigDecimal(b), new MathContext(40, RoundingMode.HALF_EVEN)).doubleValue();
  }

  /** Python {@code repr(x)} for a finite double. */
  static String repr(double x) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    if (x == 0) {
      return (1 / x < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(x);
    BigDecimal shortest = null;
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == x) {
        shortest = r;
        break;
      }
    }
    if (shortest == null) {
      shortest = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
    shortest = shortest.stripTrailingZeros();
    boolean negative = shortest.signum() < 0;
    String digits = shortest.unscaledValue().abs().toString();
    // value = digits * 10^-scale; decimal exponent of the first digit:
    int exp10 = digits.length() - 1 - shortest.scale();
    String body;
    if (exp10 >= -4 && exp10 < 16) {
      body = fixed(digits, exp10);
    } else {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String e = String.format("%02d", Math.abs(exp10));
      body = mantissa + "e" + (exp10 < 0 ? "-" : "+") + e;
    }
    return negative ? "-" + body : body;
  }

  private static String fixed(String digits, int exp10) {
    if (exp10 < 0) {
      return "0." + "0".repeat(-exp10 - 1) + digits;
    }
    if (digits.length() <= exp10 + 1) {
      return digits + "0".repeat(exp10 + 1 - digits.length()) + ".0";
    }
    return digits.substring(0, exp10 + 1) + "." + digits.substring(exp10 + 1);
  }

  /** Python {@code str(int)}. */
  static String str(long v) {
    return Long.toString(v);
  }

  /** Python {@code int(text)} for base-10 text (surrounding spaces, sign, digit-group underscores). */
  static long parseInt(String text) {
    String t = text.strip();
    if (!t.matches("[+-]?[0-9]+(_[0-9]+)*")) {
      throw new NumberFormatException("invalid literal for int() with base 10: '" + text + "'");
    }
    BigInteger v = new BigInteger(t.replace("_", "").replace("+", ""));
    return v.longValueExact();
  }
}
