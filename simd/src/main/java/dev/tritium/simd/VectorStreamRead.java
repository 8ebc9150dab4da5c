package dev.tritium.simd;

import dev.tritium.models.kernel.StreamReadKernel;
import java.util.Objects;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The bandwidth probe's read loop on Vector API lanes: four independent {@link LongVector} accumulators (so the adds
 * do not wait on each other), each vector load a whole cache line with AVX-512. The core then issues loads far faster
 * than memory delivers them, which is what a bandwidth probe needs; a scalar loop retires about one element per
 * cycle and fell to half the C probe's figure on a Zen 5 host. Lanes are added modulo 2^64 like the scalar sum, so
 * the result is the same value (the probe checks it).
 */
public final class VectorStreamRead implements StreamReadKernel {

  static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;

  /** Loaded by {@link java.util.ServiceLoader}. */
  public VectorStreamRead() {
  }

  @Override
  public String description() {
    return "vector, " + LONGS.length() + " long lanes x 4 accumulators";
  }

  @Override
  public long sum(long[] a, int from, int to) {
    // Checked once here: the launcher runs the Vector API without its per-access bounds checks.
    Objects.checkFromToIndex(from, to, a.length);
    int lanes = LONGS.length();
    LongVector s0 = LongVector.zero(LONGS);
    LongVector s1 = s0;
    LongVector s2 = s0;
    LongVector s3 = s0;
    int i = from;
    for (; i + 4 * lanes <= to; i += 4 * lanes) {
      s0 = s0.add(LongVector.fromArray(LONGS, a, i));
      s1 = s1.add(LongVector.fromArray(LONGS, a, i + lanes));
      s2 = s2.add(LongVector.fromArray(LONGS, a, i + 2 * lanes));
      s3 = s3.add(LongVector.fromArray(LONGS, a, i + 3 * lanes));
    }
    long s = s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
    for (; i < to; i++) {
      s += a[i];
    }
    return s;
  }
}
