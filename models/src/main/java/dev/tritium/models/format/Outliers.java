package dev.tritium.models.format;

import java.util.Objects;

/**
 * Sparse high-precision outliers: the fraction of weights kept at a higher precision, their value type,
 * how their positions are encoded, and their scale.
 *
 * <p>Count: {@code m = round(fraction * N * K)} (half up, computed in fp64). Cost:
 * {@code m * valueType.bits() + encoding.bits(N, K, m) + scale.bits(N, K)}.
 */
public record Outliers(double fraction, ValueType valueType, IndexEncoding encoding, Scale scale) {

  /** Value type of an outlier. */
  public enum ValueType {
    INT8,
    FP16;

    public int bits() {
      return switch (this) {
        case INT8 -> 8;
        case FP16 -> 16;
      };
    }
  }

  /** How outlier positions are stored. */
  public enum IndexEncoding {
    /** One bit per weight, set at outliers: N * K bits. */
    BITMAP,
    /**
     * Compressed sparse rows: N + 1 row offsets of {@code bitsFor(m)} bits each (offsets run 0..m) and
     * m column indices of {@code bitsFor(K - 1)} bits each, with {@code bitsFor(x)} the bits needed for
     * 0..x (at least 1): {@code (N + 1) * bitsFor(m) + m * bitsFor(K - 1)}.
     */
    CSR;

    /** Index bits for m outliers in an N x K matrix (formulas above). */
    public long bits(int n, int k, long m) {
      return switch (this) {
        case BITMAP -> (long) n * k;
        case CSR -> (n + 1L) * bitsFor(m) + m * bitsFor(k - 1L);
      };
    }

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Outliers {
    checkFraction(fraction);
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(scale, "scale");
  }

  /** m = round(fraction * N * K), the number of outliers. */
  public long count(int n, int k) {
    return count(fraction, n, k);
  }

  static long count(double fraction, int n, int k) {
    return Math.round(fraction * ((double) n * k));
  }

  /** Bits of the outlier values: m * valueType.bits(). */
  public double valueBits(int n, int k) {
    return (double) count(n, k) * valueType.bits();
  }

  /** Bits of the outlier positions: encoding.bits(N, K, m). */
  public double indexBits(int n, int k) {
    return encoding.bits(n, k, count(n, k));
  }

  /** Bits needed to store every integer 0..x, at least 1. */
  static int bitsFor(long x) {
    return Math.max(1, 64 - Long.numberOfLeadingZeros(x));
  }

  static void checkFraction(double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("outlier fraction must be in (0, 1), got " + fraction);
    }
  }
}
