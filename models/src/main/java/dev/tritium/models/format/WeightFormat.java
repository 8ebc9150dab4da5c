package dev.tritium.models.format;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A low-bit weight format as data: weight planes (each with its own scales), format-wide scales, an
 * optional shift (asymmetric) term or zero-point, optional sparse outliers, masks choosing between groups,
 * the activation format it multiplies with, and the rotations it applies (merged or online).
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
 *             + sum over rotations of stored sign bits (K input side, N output side; 0 if merged or unsigned)
 * bitsPerWeight(N, K) = total(N, K) / (N * K)
 * </pre>
 */
public record WeightFormat(
    List<Plane> planes, List<Scale> scales, Optional<Scale> shift, Optional<Outliers> outliers, List<Mask> masks,
    ActivationFormat activations, List<Rotation> rotations) {

  /** A format without rotations (every sub-2-bit preset). */
  public WeightFormat(
      List<Plane> planes, List<Scale> scales, Optional<Scale> shift, Optional<Outliers> outliers, List<Mask> masks,
      ActivationFormat activations) {
    this(planes, scales, shift, outliers, masks, activations, List.of());
  }

  public WeightFormat {
    rotations = List.copyOf(rotations);
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
    double signBits = 0;
    for (Rotation r : rotations) {
      signBits += r.signBits(n, k);
    }
    return new BitsBreakdown(n, k, planeBits, scaleBits, shiftBits, values, indices, maskBits, signBits);
  }

  /** Storage bits per weight of an N x K matrix: {@code breakdown(N, K).perWeight()}. */
  public double bitsPerWeight(int n, int k) {
    return breakdown(n, k).perWeight();
  }

  /**
   * True when the format rotates every query and key head online after RoPE (SpinQuant's R3): a property of the
   * model the format runs in ({@code ModelConfig.withQkHadamard}), not of one matrix.
   */
  public boolean rotatesQueriesAndKeysOnline() {
    return rotations.stream().anyMatch(r -> r.where() == Rotation.Where.ATTENTION_QK
        && r.mode() == Rotation.Mode.ONLINE);
  }
}
