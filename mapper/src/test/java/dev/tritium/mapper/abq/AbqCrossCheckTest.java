package dev.tritium.mapper.abq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.GemmBp;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.QuantBp;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.crosscheck.Verdict;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.format.AbqLlm;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * abq-wpaq on the MAC array's bit-plane PEs (QUANT.BP, GEMM.BP, VEC.ACC_SCALE) against the format's own apply, bit for
 * bit: w=2,a=8 and w=4,a=4, decode and 5-token prefill, a layer with several row tiles and K not a multiple of 8, and
 * the full-size down_proj of bitnet-b1.58-2B-4T; FAIL on a flipped weight plane bit, a moved zero-point, a moved step
 * and a moved golden value.
 */
class AbqCrossCheckTest {

  static final ArchConfig ARCH = ArchConfigs.load(Path.of("..", "examples", "arch", "edge-fpga-bit-plane.yaml"));
  static final FormatPreset W2A8 = FormatPresets.parse("abq-wpaq:w=2,a=8");
  static final FormatPreset W4A4 = FormatPresets.parse("abq-wpaq:w=4,a=4");

  private static CrossCheckReport run(FormatPreset f, int tokens, int n, int k, AbqMutation mutation) {
    return new AbqCrossCheck(ARCH).run("test", f, tokens, n, k, 7, 3, mutation);
  }

  @Test
  void smallLayerIsBitExactInDecodeAndPrefill() {
    for (FormatPreset f : new FormatPreset[] {W2A8, W4A4}) {
      for (int tokens : new int[] {1, 5}) {
        CrossCheckReport r = run(f, tokens, 24, 100, new AbqMutation.None());
        assertTrue(r.passed(), r.render());
      }
    }
  }

  @Test
  void theFormatsAccumulatorsAreWhatTheArrayComputes() {
    // The bit-plane accumulators equal the plain integer product (the zero-point algebra GEMM.BP's edge relies on).
    AbqLlm.Weights w = (AbqLlm.Weights) BitLinearCase.formatWeights(W2A8, 24, 100, 7, 3);
    var xa = w.quantizeActivations(BitLinearCase.seededInput(5, 100, 7, 3), 5);
    assertArrayEquals(w.accumulatePlain(xa), w.accumulate(xa));
  }

  @Test
  void midLayerWithSeveralRowTilesIsBitExact() {
    // 1200 rows x 4000 columns (K % 8 = 0) and 4001 (a partial last plane byte), 5 tokens: a w=4 row is 2001 or
    // 2005 bytes, so the 1 MiB WGT holds 524 or 522 rows and the layer takes 3 row tiles.
    for (int k : new int[] {4000, 4001}) {
      CrossCheckReport r = run(W4A4, 5, 1200, k, new AbqMutation.None());
      assertTrue(r.passed(), r.render());
      assertTrue(r.title().contains(", 3 tiles)"), r.title());
    }
  }

  @Test
  void fullSizeDownProjIsBitExact() {
    // bitnet-b1.58-2B-4T's down_proj, 2560 x 6912, decode and 5-token prefill in each format: WGT holds 606 rows of
    // w=2 (1729 bytes each, 5 row tiles) or 303 of w=4 (3457 bytes, 9 row tiles).
    for (FormatPreset f : new FormatPreset[] {W2A8, W4A4}) {
      for (int tokens : new int[] {1, 5}) {
        CrossCheckReport r = new AbqCrossCheck(ARCH).run("down_proj", f, tokens, 2560, 6912, 7, 6,
            new AbqMutation.None());
        assertTrue(r.passed(), r.render());
        assertTrue(r.title().contains(f == W2A8 ? ", 5 tiles)" : ", 9 tiles)"), r.title());
      }
    }
  }

  @Test
  void aFlippedPlaneBitMovedZeroPointStepOrGoldenFails() {
    for (FormatPreset f : new FormatPreset[] {W2A8, W4A4}) {
      for (AbqMutation m : new AbqMutation[] {new AbqMutation.PlaneBit(0, 1, 17), new AbqMutation.ZeroPoint(0),
          new AbqMutation.Step(0), new AbqMutation.GoldenUlp()}) {
        CrossCheckReport r = run(f, 5, 24, 100, m);
        assertFalse(r.passed(), m.describe() + "\n" + r.render());
        assertEquals(Verdict.FAIL, r.row("outputs y (fp32 bits)").verdict(), r.render());
      }
    }
  }

  @Test
  void theProgramQuantizesOnceAndRunsOneGemmPerRowTile() {
    CompiledAbq c = CompiledAbq.compileSeeded(new SimulationRunner(ARCH).target(), W2A8, 2000, 1000, 5, 7, 3);
    long quant = c.program().stream().filter(i -> i instanceof QuantBp).count();
    long gemms = c.program().stream().filter(i -> i instanceof GemmBp).count();
    assertEquals(1, quant);
    assertEquals(c.tiling().rowTiles(), gemms);
    for (Instruction i : c.program()) {
      if (i instanceof GemmBp g) {
        assertEquals(2, g.weightPlanes());
        assertEquals(8, g.activationPlanes());
        assertEquals(1000, g.k());
      }
    }
  }

  @Test
  void archsWithoutBitPlanePesAndOtherFormatsAreRefusedByName() {
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> new AbqCrossCheck(ArchConfigs.preset("edge-fpga")));
    assertTrue(none.getMessage().contains("mac_array.bit_plane: true"), none.getMessage());
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> CompiledAbq.compileSeeded(new SimulationRunner(ARCH).target(), FormatPresets.parse("w8a8"), 8, 16, 1,
            7, 3));
    assertTrue(other.getMessage().contains("not abq-wpaq"), other.getMessage());
  }
}
