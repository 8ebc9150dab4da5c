package dev.tritium.models.format;

/**
 * How many values a scale (or shift) term stores for an N x K weight matrix (N output rows, K input
 * columns). Each variant states its count.
 */
public sealed interface ScaleGranularity {

  /** Number of stored values for an N x K matrix. */
  long count(int n, int k);

  /** Short description for tables. */
  String label();

  /** One value for the whole tensor: count 1. */
  record PerTensor() implements ScaleGranularity {
    @Override
    public long count(int n, int k) {
      return 1;
    }

    @Override
    public String label() {
      return "per tensor";
    }
  }

  /** One value per output row: count N. */
  record PerRow() implements ScaleGranularity {
    @Override
    public long count(int n, int k) {
      return n;
    }

    @Override
    public String label() {
      return "per row";
    }
  }

  /**
   * One value per row and per group of G consecutive columns along K: count N * ceil(K / G) (a last,
   * shorter group has its own value).
   */
  record PerGroup(int group) implements ScaleGranularity {
    public PerGroup {
      if (group <= 0) {
        throw new IllegalArgumentException("group size must be positive, got " + group);
      }
    }

    @Override
    public long count(int n, int k) {
      return (long) n * ((k + (long) group - 1) / group);
    }

    @Override
    public String label() {
      return "per row per " + group + " columns";
    }
  }

  /**
   * One value per row and per group of G along the K - min(c, K) columns left after c channels are taken out
   * (Atom's normal channels): count N * ceil((K - min(c, K)) / G).
   */
  record PerGroupOfOtherChannels(int group, int channels) implements ScaleGranularity {
    public PerGroupOfOtherChannels {
      if (group <= 0 || channels <= 0) {
        throw new IllegalArgumentException("group and channel count must be positive, got " + group + ", " + channels);
      }
    }

    @Override
    public long count(int n, int k) {
      long rest = k - Math.min(channels, k);
      return (long) n * ((rest + group - 1) / group);
    }

    @Override
    public String label() {
      return "per row per " + group + " of the other columns";
    }
  }

  /** A per-row vector (length N) and a per-column vector (length K), W ~ B o (a b^T): count N + K. */
  record RowAndColumnVectors() implements ScaleGranularity {
    @Override
    public long count(int n, int k) {
      return (long) n + k;
    }

    @Override
    public String label() {
      return "row vector + column vector";
    }
  }
}
