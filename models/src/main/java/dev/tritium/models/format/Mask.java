package dev.tritium.models.format;

import java.util.Objects;

/**
 * A one-bit mask choosing between groups of weights (e.g. salient vs other columns, concentrated vs
 * sparse weights). Each variant states its bit count.
 */
public sealed interface Mask {

  /** What the mask selects, for tables. */
  String purpose();

  /** Storage bits for an N x K matrix. */
  long bits(int n, int k);

  /** One bit per input column: K bits. */
  record PerColumn(String purpose) implements Mask {
    public PerColumn {
      Objects.requireNonNull(purpose, "purpose");
    }

    @Override
    public long bits(int n, int k) {
      return k;
    }
  }

  /** One bit per covered weight: {@code coverage.count(N, K)} bits. */
  record PerWeight(String purpose, Coverage coverage) implements Mask {
    public PerWeight {
      Objects.requireNonNull(purpose, "purpose");
      Objects.requireNonNull(coverage, "coverage");
    }

    @Override
    public long bits(int n, int k) {
      return coverage.count(n, k);
    }
  }
}
