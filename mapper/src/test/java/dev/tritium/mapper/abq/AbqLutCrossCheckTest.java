package dev.tritium.mapper.abq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.GemmBp;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.LutBuildBp;
import dev.tritium.isa.LutGemmBp;
import dev.tritium.isa.QuantBp;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.crosscheck.Verdict;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * abq-wpaq on the LUT core's bit-plane tables (QUANT.BP bytes, LUT.BUILD.BP, LUT.GEMM.BP per K chunk and row tile,
 * VEC.ACC_SCALE) against the format's own apply, bit for bit, on edge-fpga-every-format (a ternary base-3 g = 3 core
 * with lut_core.bit_plane): w=2,a=8 and w=4,a=8, decode and 5-token prefill, a layer with several K chunks and K not a
 * multiple of 8, and the full-size down_proj 2560 x 6912; FAIL on a flipped weight plane bit, a moved zero-point, a
 * moved step and a moved golden value.
 */
class AbqLutCrossCheckTest {

  static final ArchConfig ARCH = ArchConfigs.load(Path.of("..", "examples", "arch", "edge-fpga-every-format.yaml"));
  static final FormatPreset W2A8 = FormatPresets.parse("abq-wpaq:w=2,a=8");
  static final FormatPreset W4A8 = FormatPresets.parse("abq-wpaq:w=4,a=8");

  private static CrossCheckReport run(FormatPreset f, int tokens, int n, int k, AbqMutation mutation) {
    return new AbqLutCrossCheck(ARCH).run("test", f, tokens, n, k, 7, 3, mutation);
  }

  @Test
  void smallLayerIsBitExactInDecodeAndPrefill() {
    for (FormatPreset f : new FormatPreset[] {W2A8, W4A8}) {
      for (int tokens : new int[] {1, 5}) {
        CrossCheckReport r = run(f, tokens, 24, 100, new AbqMutation.None());
        assertTrue(r.passed(), r.render());
      }
    }
  }

  @Test
  void midLayerWithSeveralChunksIsBitExact() {
    // K = 1001 (a partial last plane byte) in chunks of 376 (decode: 94 tables of 32 bytes in the 3024-byte LUT) or
    // 72 (5 tokens: 18 tables each): 3 or 14 chunks, each zero-point identity added into ACC.
    for (int tokens : new int[] {1, 5}) {
      CrossCheckReport r = run(W4A8, tokens, 300, 1001, new AbqMutation.None());
      assertTrue(r.passed(), r.render());
      assertTrue(r.title().contains(tokens == 1 ? "chunks of 376 columns: 3," : "chunks of 72 columns: 14,"),
          r.title());
    }
  }

  @Test
  void fullSizeDownProjIsBitExact() {
    for (FormatPreset f : new FormatPreset[] {W2A8, W4A8}) {
      for (int tokens : new int[] {1, 5}) {
        CrossCheckReport r = new AbqLutCrossCheck(ARCH).run("down_proj", f, tokens, 2560, 6912, 7, 6,
            new AbqMutation.None());
        assertTrue(r.passed(), r.render());
      }
    }
  }

  @Test
  void aFlippedPlaneBitMovedZeroPointStepOrGoldenFails() {
    for (FormatPreset f : new FormatPreset[] {W2A8, W4A8}) {
      // bit 17 lies in the first chunk, bit 90 in the second of K = 100 at 5 tokens (chunks of 72)
      for (AbqMutation m : new AbqMutation[] {new AbqMutation.PlaneBit(0, 1, 17), new AbqMutation.PlaneBit(3, 0, 90),
          new AbqMutation.ZeroPoint(0), new AbqMutation.Step(0), new AbqMutation.GoldenUlp()}) {
        CrossCheckReport r = run(f, 5, 24, 100, m);
        assertFalse(r.passed(), m.describe() + "\n" + r.render());
        assertEquals(Verdict.FAIL, r.row("outputs y (fp32 bits)").verdict(), r.render());
      }
    }
  }

  @Test
  void theChunkedImageHoldsThePlansRowsPerChunk() {
    AbqPlan plan = AbqPlan.of("abq", BitLinearCase.formatWeights(W2A8, 3, 20, 7, 3));
    byte[] img = AbqLutLowering.chunked(plan, 16);
    // chunk 0: 3 rows of 1 + 2 x 2 bytes; chunk 1 (4 columns): 3 rows of 1 + 2 x 1
    assertEquals(3 * 5 + 3 * 3, img.length);
    byte[] src = plan.rowsImage(); // rows of 1 + 2 x 3 bytes
    for (int r = 0; r < 3; r++) {
      assertEquals(src[r * 7], img[r * 5]);
      assertEquals(src[r * 7 + 1], img[r * 5 + 1]); // plane 0 bytes 0, 1
      assertEquals(src[r * 7 + 2], img[r * 5 + 2]);
      assertEquals(src[r * 7 + 4], img[r * 5 + 3]); // plane 1 bytes 0, 1
      assertEquals(src[r * 7 + 5], img[r * 5 + 4]);
      assertEquals(src[r * 7], img[15 + r * 3]);
      assertEquals(src[r * 7 + 3], img[15 + r * 3 + 1]); // plane 0 byte 2
      assertEquals(src[r * 7 + 6], img[15 + r * 3 + 2]); // plane 1 byte 2
    }
  }

  @Test
  void theProgramQuantizesOnceAndBuildsOncePerChunk() {
    AbqPlan plan = AbqPlan.of("abq", BitLinearCase.formatWeights(W2A8, 2000, 1000, 7, 3));
    AbqLutLowering.Compiled c = new AbqLutLowering(new SimulationRunner(ARCH).target()).compile(plan, 1);
    long quant = c.abq().program().stream().filter(i -> i instanceof QuantBp q && q.bytes()).count();
    long builds = c.abq().program().stream().filter(i -> i instanceof LutBuildBp).count();
    assertEquals(1, quant);
    assertEquals(c.tiling().chunks(), builds);
    assertEquals(3, c.tiling().chunks()); // 376 + 376 + 248
    assertEquals(0, c.abq().program().stream().filter(i -> i instanceof GemmBp).count());
    for (Instruction i : c.abq().program()) {
      if (i instanceof LutGemmBp g) {
        assertEquals(2, g.weightPlanes());
        assertEquals(4, g.groupSize());
      }
    }
  }

  @Test
  void archsWithoutTheFlagAreRefusedByName() {
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> new AbqLutCrossCheck(ArchConfigs.load(Path.of("..", "examples", "arch", "edge-fpga-bit-plane.yaml"))));
    assertTrue(none.getMessage().contains("lut_core.bit_plane: true"), none.getMessage());
  }
}
