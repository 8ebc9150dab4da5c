package dev.tritium.models.format;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A low-bit weight format as data: weight planes (each with its own scales), format-wide scales, an
 * optional shift (asymmetric) term, optional sparse outliers, masks choosing between groups, and the
 * activation format it multiplies with.
 *
 * <p>Storage bits for an N x K matrix (N output rows, K input columns), every part derived from the
 * data (see each part's Javadoc):
 *
 * <pre>
 * total(N, K) = sum over planes p of [ p.coverage.count(N, K) * p.kind.bitsPerEntry + sum of p's scale bits ]
 *             + sum over format scales s of s.count(N, K) * s.type.bits
 *             + shift.count(N, K) * shift.type.bits                          (if present)
 *             + m * outlier value bits + index bits(N, K, m) + outlier scale bits (if present)
 *             + sum over masks of mask bits(N, K)
 * bitsPerWeight(N, K) = total(N, K) / (N * K)
 * </pre>
 */
public record WeightFormat(
    List<Plane> planes, List<Scale> scales, Optional<Scale> shift, Optional<Outliers> outliers, List<Mask> masks,
    ActivationFormat activations) {

  public WeightFormat {
    planes = List.copyOf(planes);
    scales = List.copyOf(scales);
    Objects.requireNonNull(shift, "shift");
    Objects.requireNonNull(outliers, "outliers");
    masks = List.copyOf(masks);
    Objects.requireNonNull(activations, "activations");
    if (planes.isEmpty()) {
      throw new IllegalArgumentException("a weight format needs at least one plane");
    }
  }

  /** The storage bits of an N x K matrix, by part (formula in the class comment). */
  public BitsBreakdown breakdown(int n, int k) {
    if (n <= 0 || k <= 0) {
      throw new IllegalArgumentException("matrix shape must be positive, got " + n + "x" + k);
    }
    double planeBits = 0;
    double scaleBits = 0;
    for (Plane p : planes) {
      planeBits += p.entryBits(n, k);
      scaleBits += p.scaleBits(n, k);
    }
    for (Scale s : scales) {
      scaleBits += s.bits(n, k);
    }
    double shiftBits = shift.map(s -> s.bits(n, k)).orElse(0.0);
    double values = 0;
    double indices = 0;
    if (outliers.isPresent()) {
      Outliers o = outliers.get();
      values = o.valueBits(n, k);
      indices = o.indexBits(n, k);
      scaleBits += o.scale().bits(n, k);
    }
    double maskBits = 0;
    for (Mask m : masks) {
      maskBits += m.bits(n, k);
    }
    return new BitsBreakdown(n, k, planeBits, scaleBits, shiftBits, values, indices, maskBits);
  }

  /** Storage bits per weight of an N x K matrix: {@code breakdown(N, K).perWeight()}. */
  public double bitsPerWeight(int n, int k) {
    return breakdown(n, k).perWeight();
  }
}
