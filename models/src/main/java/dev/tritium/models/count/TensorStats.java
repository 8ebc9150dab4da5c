package dev.tritium.models.count;

/** Value counts of one ternary tensor (unit: weights). */
public record TensorStats(long plus, long minus, long zero) {

  public TensorStats {
    if (plus < 0 || minus < 0 || zero < 0) {
      throw new IllegalArgumentException("weight counts must be non-negative: +1 " + plus + ", -1 " + minus + ", 0 " + zero);
    }
  }

  /** Counts of a row-major array of ternary values. */
  public static TensorStats of(byte[] values) {
    long p = 0;
    long m = 0;
    for (byte v : values) {
      if (v > 0) {
        p++;
      } else if (v < 0) {
        m++;
      }
    }
    return new TensorStats(p, m, values.length - p - m);
  }

  public long total() {
    return plus + minus + zero;
  }
}
