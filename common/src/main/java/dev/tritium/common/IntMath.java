package dev.tritium.common;

/**
 * Integer helpers that every module shares (JDK 17 has no {@code Math.ceilDiv}). One definition, so that
 * sizes, folds and tiles round the same way everywhere.
 */
public final class IntMath {

  private IntMath() {}

  /**
   * ceil(a / b) for b &gt; 0, exact for every long {@code a} (no {@code a + b - 1} that can overflow).
   *
   * @throws ArithmeticException if b &lt;= 0
   */
  public static long ceilDiv(long a, long b) {
    if (b <= 0) {
      throw new ArithmeticException("ceilDiv by " + b + " (the divisor must be positive)");
    }
    return -Math.floorDiv(-a, b);
  }

  /** ceil(a / b) for b &gt; 0 on ints; see {@link #ceilDiv(long, long)}. */
  public static int ceilDiv(int a, int b) {
    return Math.toIntExact(ceilDiv((long) a, (long) b));
  }

  /** Greatest common divisor of two non-negative numbers (gcd(a, 0) = a). */
  public static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
