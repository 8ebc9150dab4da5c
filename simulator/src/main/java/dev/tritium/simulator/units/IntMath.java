package dev.tritium.simulator.units;

/** Integer helpers shared by the timing models (JDK 17 has no Math.ceilDiv). */
public final class IntMath {

  private IntMath() {}

  /** ceil(a / b) for a >= 0, b > 0. */
  public static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  public static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
