package dev.tritium.mapper.crosscheck;

import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.LoopOrder;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.mapper.bitlinear.SramLayout;

/** Test helpers: mappings that force every loop of the compilation scheme to run more than once. */
final class CrossCheckCases {

  /** The reduction used for "every shape of every model": each dimension / 16 (same aspect ratios). */
  static final int REDUCE = 16;

  private CrossCheckCases() {}

  /**
   * Small tiles: two M tiles when M > 1, N blocks of about N/2, weight tiles of 16 rows and two cut
   * granules of K, and (LUT) K blocks of about K/2 in the given order.
   */
  static Mapping stress(BitLinearShape s, ComputeUnit unit, Packing p, LoopOrder order, IsaTarget t) {
    int split = p.splitWeights();
    int tileM = Math.max(1, (s.tokens() + 1) / 2);
    int blockN = Math.max(16, s.outFeatures() / 2);
    int tileN = Math.min(16, blockN);
    int blockK = unit == ComputeUnit.MAC || split == 0 ? s.inFeatures()
        : Math.max(split, s.inFeatures() / 2 / split * split);
    int tileK = split == 0 ? blockK : Math.min(blockK, 2 * split);
    Mapping m = new Mapping(unit, p, tileM, Math.min(blockN, s.outFeatures()), blockK, tileN, tileK, order);
    var problems = SramLayout.problems(s, m, t);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("stress mapping illegal: " + problems);
    }
    return m;
  }
}
