package dev.tritium.mapper.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.GemmF16;
import dev.tritium.isa.validate.ValidationReport;
import dev.tritium.isa.validate.Validator;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import org.junit.jupiter.api.Test;

/**
 * The dense fp16 baseline on the vector unit (VEC.TO_F16, GEMM.F16 in K tiles) against the format's own apply, bit
 * for bit, on the default edge arch: a small layer with several K tiles (a short last one), several row tiles, decode
 * and 5-token prefill, a mid layer and the full-size 2B-4T q_proj; FAIL on a flipped fp16 weight bit (the last
 * mantissa bit and the sign) and a changed golden value.
 */
class DenseCrossCheckTest {

  static final ArchConfig ARCH = ArchConfigs.preset("edge-fpga");

  private static CrossCheckReport run(ArchConfig arch, int maxKTile, int tokens, int n, int k, DenseMutation m) {
    return new DenseCrossCheck(arch, maxKTile).run("test", FormatPresets.parse("fp16"), tokens, n, k, 7, 3, m);
  }

  @Test
  void smallLayerWithSeveralKTilesIsBitExactInDecodeAndPrefill() {
    // K = 200 in tiles of 64: 4 GEMM.F16 per row tile, the last 8 columns wide
    for (int tokens : new int[] {1, 5}) {
      CrossCheckReport r = run(ARCH, 64, tokens, 24, 200, new DenseMutation.None());
      assertTrue(r.passed(), r.render());
      assertTrue(r.title().contains("1 x 4 tiles"), r.title());
    }
  }

  @Test
  void severalRowTilesAreBitExact() {
    // a 16 KiB ACT: 5 x 1000 fp16 activations (10,000 bytes) leave room for two slots of 6 weight rows of 256
    // columns: 7 row tiles x 4 K tiles
    ArchConfig small = ArchKeys.with(ARCH, "buffers.activation.size_bytes", "16384");
    CrossCheckReport r = run(small, 256, 5, 40, 1000, new DenseMutation.None());
    assertTrue(r.passed(), r.render());
    assertTrue(r.title().contains("7 x 4 tiles"), r.title());
  }

  @Test
  void aPrefillLargerThanTheBuffersRunsInTokenChunks() {
    // a 48 KiB ACT: 13 tokens of K = 600 (15,616 bytes of fp16 x, aligned) leave two slots of 65 rows of 128
    // columns, 14 tokens only 62 (below the 64 the lowering keeps): 30 tokens run in 3 passes, each re-streaming the
    // weights (the DRAM row checks 3)
    ArchConfig small = ArchKeys.with(ARCH, "buffers.activation.size_bytes", "49152");
    CrossCheckReport r = run(small, 128, 30, 80, 600, new DenseMutation.None());
    assertTrue(r.passed(), r.render());
    assertTrue(r.title().contains("tiles of 65 rows x 128 columns, 2 x 5 tiles, 3 passes of 13 token(s)"), r.title());
  }

  @Test
  void midLayerIsBitExact() {
    for (int tokens : new int[] {1, 5}) {
      CrossCheckReport r = run(ARCH, Integer.MAX_VALUE, tokens, 640, 1536, new DenseMutation.None());
      assertTrue(r.passed(), r.render());
    }
  }

  @Test
  void fullSizeQProjDecodeIsBitExact() {
    // bitnet-b1.58-2b-4t's q_proj: 2560 x 2560, 13 MB of fp16 weights
    CrossCheckReport r = new DenseCrossCheck(ARCH).run("q_proj", FormatPresets.parse("fp16"), 1, 2560, 2560, 7, 0,
        new DenseMutation.None());
    assertTrue(r.passed(), r.render());
  }

  @Test
  void theProgramMultipliesOnGemmF16InKTiles() {
    CompiledDense c = DenseLowering.compileSeeded(new SimulationRunner(ARCH).target(), FormatPresets.parse("fp16"),
        48, 300, 2, 7, 0);
    assertEquals(1, c.program().stream().filter(i -> i instanceof GemmF16).count());
    CompiledDense tiled = new DenseLowering(new SimulationRunner(ARCH).target()).compile(DenseLowering.plan(
        FormatPresets.parse("fp16"), 48, 300, 7, 0), 2, 128);
    assertEquals(3, tiled.program().stream().filter(i -> i instanceof GemmF16 g && g.k() <= 128).count());
    assertEquals(2, tiled.program().stream().filter(i -> i instanceof GemmF16 g && g.accumulate()).count());
  }

  @Test
  void theStreamedProgramHasNoUnorderedAccessAndBalancedTokens() {
    // 7 row tiles x 4 K tiles on a 16 KiB ACT: the strict validator (overlap lint as errors) finds no race between
    // a LOAD into a weight slot and the GEMM.F16 reading it, or a STORE and the GEMM.F16 refilling its output block
    ArchConfig small = ArchKeys.with(ARCH, "buffers.activation.size_bytes", "16384");
    SimulationRunner runner = new SimulationRunner(small);
    CompiledDense c = new DenseLowering(runner.target()).compile(DenseLowering.plan(FormatPresets.parse("fp16"), 40,
        1000, 7, 3), 5, 256);
    ValidationReport v = Validator.validate(c.program(), runner.target(), Validator.Options.STRICT);
    assertTrue(v.ok() && v.warnings().isEmpty(), v.findings().toString());
    assertEquals(28, c.tiling().rowTiles() * c.tiling().kTiles());
  }

  @Test
  void aFlippedWeightBitOrAChangedGoldenFails() {
    for (DenseMutation m : new DenseMutation[] {new DenseMutation.WeightBit(3, 17, 0),
        new DenseMutation.WeightBit(20, 199, 15), new DenseMutation.GoldenUlp()}) {
      CrossCheckReport r = run(ARCH, 64, 5, 24, 200, m);
      assertFalse(r.passed(), m.describe() + "\n" + r.render());
      assertFalse(r.row("outputs y (fp32 bits)").verdict().name().equals("PASS"), r.render());
    }
  }

  @Test
  void anotherFormatIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DenseLowering.plan(FormatPresets.parse("w8a8"), 8, 16, 7, 0));
    assertTrue(e.getMessage().contains("runs 'fp16' only"), e.getMessage());
  }
}
