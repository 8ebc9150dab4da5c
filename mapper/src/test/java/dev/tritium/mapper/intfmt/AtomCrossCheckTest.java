package dev.tritium.mapper.intfmt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import org.junit.jupiter.api.Test;

/**
 * atom-w4a4 on the MAC array's integer multipliers (DMA channel gather, QUANT.IG, GEMM.IW per int4 group and for the
 * int8 outliers, VEC.ACC_SCALE in group order) against the format's own apply, bit for bit: a small layer whose last
 * group is shorter and odd, a mid layer, decode and 5-token prefill, a full-size down_proj decode; and FAIL on a
 * changed int4 code, a changed weight step and a changed golden value.
 */
class AtomCrossCheckTest {

  static final ArchConfig ARCH = IntLinearCrossCheckTest.ARCH;

  private static CrossCheckReport run(String format, int tokens, int n, int k, IntMutation mutation) {
    return new IntLinearCrossCheck(ARCH).run("test", FormatPresets.parse(format), tokens, n, k, 7, 3, mutation);
  }

  @Test
  void smallLayerWithAShortOddLastGroupIsBitExact() {
    // K - C = 195 normal channels: 6 groups of 32 and one of 3 (an odd int4 row: one nibble in its last byte)
    for (int tokens : new int[] {1, 5}) {
      CrossCheckReport r = run("atom-w4a4:group=32,outliers=8", tokens, 24, 203, new IntMutation.None());
      assertTrue(r.passed(), r.render());
      assertTrue(r.title().contains("x 8 tiles"), r.title());
    }
  }

  @Test
  void midLayerIsBitExactInDecodeAndPrefill() {
    for (int tokens : new int[] {1, 5}) {
      CrossCheckReport r = run("atom-w4a4:group=64,outliers=16", tokens, 640, 1536, new IntMutation.None());
      assertTrue(r.passed(), r.render());
    }
  }

  @Test
  void fullSizeDownProjDecodeIsBitExact() {
    // 2560 x 6912 with Atom's defaults (group 128, 128 outlier channels): 53 int4 groups and the outliers, about 4 s.
    CrossCheckReport r = run("atom-w4a4", 1, 2560, 6912, new IntMutation.None());
    assertTrue(r.passed(), r.render());
    assertTrue(r.title().contains("1 x 54 tiles"), r.title());
  }

  @Test
  void aChangedCodeStepOrGoldenFails() {
    for (IntMutation m : new IntMutation[] {new IntMutation.WeightCode(3, 17), new IntMutation.WeightScale(5),
        new IntMutation.GoldenUlp()}) {
      CrossCheckReport r = run("atom-w4a4:group=32,outliers=8", 5, 24, 203, m);
      assertFalse(r.passed(), m.describe() + "\n" + r.render());
      assertFalse(r.row("outputs y (fp32 bits)").verdict().name().equals("PASS"), r.render());
    }
  }
}
