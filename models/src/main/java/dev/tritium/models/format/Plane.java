package dev.tritium.models.format;

import java.util.List;
import java.util.Objects;

/**
 * One weight plane: a value set, the weights it covers, and the scales that belong to it alone.
 * Cost: {@code coverage.count(N, K) * kind.bitsPerEntry() + sum of its scales' bits}.
 */
public record Plane(PlaneKind kind, Coverage coverage, List<Scale> scales) {

  public Plane {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(coverage, "coverage");
    scales = List.copyOf(scales);
  }

  /** Bits of the plane's entries alone: {@code coverage.count(N, K) * kind.bitsPerEntry()}. */
  public double entryBits(int n, int k) {
    return coverage.count(n, k) * kind.bitsPerEntry();
  }

  /** Bits of the plane's own scales. */
  public double scaleBits(int n, int k) {
    double b = 0;
    for (Scale s : scales) {
      b += s.bits(n, k);
    }
    return b;
  }
}
