package dev.tritium.models.format;

/**
 * Which weights of an N x K matrix a plane (or a per-weight mask) stores an entry for. Each variant
 * states its entry count; the count depends only on the format's parameters and the shape, never on
 * the weight values, so bits per weight is a property of the format.
 */
public sealed interface Coverage {

  /** Number of entries for an N x K matrix. */
  long count(int n, int k);

  String label();

  /** Every weight: N * K. */
  record All() implements Coverage {
    @Override
    public long count(int n, int k) {
      return (long) n * k;
    }

    @Override
    public String label() {
      return "all weights";
    }
  }

  /** Every weight except the m = {@link Outliers#count} outliers of the given fraction: N * K - m. */
  record AllButOutliers(double fraction) implements Coverage {
    public AllButOutliers {
      Outliers.checkFraction(fraction);
    }

    @Override
    public long count(int n, int k) {
      return (long) n * k - Outliers.count(fraction, n, k);
    }

    @Override
    public String label() {
      return "all but the outliers";
    }
  }

  /**
   * The salient columns: K is cut into blocks of {@code block} columns (the last may be shorter), each
   * with {@code min(perBlock, width)} salient columns: N * sum over blocks of min(perBlock, width).
   */
  record SalientColumns(int perBlock, int block) implements Coverage {
    public SalientColumns {
      checkBlock(perBlock, block);
    }

    @Override
    public long count(int n, int k) {
      return (long) n * salientColumns(perBlock, block, k);
    }

    @Override
    public String label() {
      return perBlock + " of every " + block + " columns";
    }
  }

  /** The complement of {@link SalientColumns}: N * K minus its count. */
  record OtherColumns(int perBlock, int block) implements Coverage {
    public OtherColumns {
      checkBlock(perBlock, block);
    }

    @Override
    public long count(int n, int k) {
      return (long) n * (k - salientColumns(perBlock, block, k));
    }

    @Override
    public String label() {
      return (block - perBlock) + " of every " + block + " columns";
    }
  }

  /**
   * A fixed number of input channels (columns) per matrix, e.g. Atom's outlier channels: N * min(c, K). Which
   * channels is data (a per-column mask); how many is the format's.
   */
  record Channels(int channels) implements Coverage {
    public Channels {
      if (channels <= 0) {
        throw new IllegalArgumentException("channel count must be positive, got " + channels);
      }
    }

    @Override
    public long count(int n, int k) {
      return (long) n * Math.min(channels, k);
    }

    @Override
    public String label() {
      return channels + " channels";
    }
  }

  /** The complement of {@link Channels}: N * (K - min(c, K)). */
  record OtherChannels(int channels) implements Coverage {
    public OtherChannels {
      if (channels <= 0) {
        throw new IllegalArgumentException("channel count must be positive, got " + channels);
      }
    }

    @Override
    public long count(int n, int k) {
      return (long) n * (k - Math.min(channels, k));
    }

    @Override
    public String label() {
      return "all but " + channels + " channels";
    }
  }

  /** Salient columns of a K-column matrix: sum over blocks b of min(perBlock, width_b). */
  static long salientColumns(int perBlock, int block, int k) {
    long full = k / block;
    int last = k % block;
    return full * perBlock + Math.min(perBlock, last);
  }

  private static void checkBlock(int perBlock, int block) {
    if (block <= 0 || perBlock < 0 || perBlock > block) {
      throw new IllegalArgumentException(
          "need 0 <= salient columns per block <= block > 0, got " + perBlock + " of " + block);
    }
  }
}
