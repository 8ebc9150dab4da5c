package dev.tritium.mapper.intfmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Instruction;
import dev.tritium.isa.QuantIg;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.isa.validate.ValidationReport;
import dev.tritium.isa.validate.Validator;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import org.junit.jupiter.api.Test;

/**
 * spinquant-w4a4kv4 on the MAC array's integer multipliers (QUANT.IG asymmetric, GEMM.IW int4 x int8, VEC.ACC_SCALE;
 * with proj=down VEC.FWHT and VEC.SCALE first) against the format's own apply, bit for bit: both forms in decode and
 * 5-token prefill with several row and K tiles, a mid layer, a full-size down_proj (6912 = 27 x 256: the transform
 * runs on slices of 256); and FAIL on a changed int4 code, weight step, golden value, Hadamard constant and a negated
 * transform input.
 */
class SpinQuantCrossCheckTest {

  static final ArchConfig ARCH = IntLinearCrossCheckTest.ARCH;
  private static final String OTHER = "spinquant-w4a4kv4:proj=other";
  private static final String DOWN = "spinquant-w4a4kv4:proj=down";

  private static CrossCheckReport run(String format, int maxKTile, int tokens, int n, int k, IntMutation mutation) {
    return new IntLinearCrossCheck(ARCH, maxKTile).run("test", FormatPresets.parse(format), tokens, n, k, 7, 3,
        mutation);
  }

  @Test
  void smallLayersOfBothFormsAreBitExactWithSeveralKTiles() {
    // K = 200 = 25 x 8 (down: slices of 8), K tiles of 64: 4 GEMM.IW per row tile, the last 8 columns wide
    for (String f : new String[] {OTHER, DOWN}) {
      for (int tokens : new int[] {1, 5}) {
        CrossCheckReport r = run(f, 64, tokens, 24, 200, new IntMutation.None());
        assertTrue(r.passed(), r.render());
        assertTrue(r.title().contains("x 4 tiles"), r.title());
      }
    }
  }

  @Test
  void midLayersAreBitExactInDecodeAndPrefill() {
    // 640 x 1536 (down: 1536 = 3 x 512), K tiles of 512
    for (String f : new String[] {OTHER, DOWN}) {
      for (int tokens : new int[] {1, 5}) {
        CrossCheckReport r = run(f, 512, tokens, 640, 1536, new IntMutation.None());
        assertTrue(r.passed(), r.render());
      }
    }
  }

  @Test
  void severalRowTilesAreBitExact() {
    // a 320-byte ACC holds 80 int32 sums: 200 rows in 3 row tiles of one token each (5 tokens would leave row tiles
    // of 16 rows, below the 64 the lowering keeps, so the tokens run one per pass)
    ArchConfig small = dev.tritium.simulator.config.ArchKeys.with(ARCH, "buffers.accumulator.size_bytes", "320");
    CrossCheckReport r = new IntLinearCrossCheck(small, 128).run("test", FormatPresets.parse(DOWN), 5, 200, 256, 7,
        3, new IntMutation.None());
    assertTrue(r.passed(), r.render());
    assertTrue(r.title().contains("tiles of 80 rows x 128 columns, 3 x 2 tiles, 5 passes of 1 token(s)"), r.title());
  }

  @Test
  void theStreamedProgramHasNoUnorderedAccessAndBalancedTokens() {
    // 5 passes of 3 row tiles x 2 K tiles: the strict validator (overlap lint as errors) finds no race between a LOAD
    // into a WGT slot and the GEMM.IW reading it, a STORE and the VEC.ACC_SCALE refilling its output block, or one
    // pass's stream and the next pass's inputs
    ArchConfig small = dev.tritium.simulator.config.ArchKeys.with(ARCH, "buffers.accumulator.size_bytes", "320");
    SimulationRunner runner = new SimulationRunner(small);
    CompiledIntLinear c = new IntLinearLowering(runner.target()).compile(IntPlan.of(DOWN,
        IntLinearCrossCheck.weights(FormatPresets.parse(DOWN), 200, 256, 7, 3)), 5, 128);
    ValidationReport v = Validator.validate(c.program(), runner.target(), Validator.Options.STRICT);
    assertTrue(v.ok() && v.warnings().isEmpty(), v.findings().toString());
    assertEquals(6, c.tiling().rowTiles() * c.tiling().kTiles());
    assertEquals(5, c.tiling().passes(5));
  }

  @Test
  void aPrefillLargerThanTheBuffersRunsInTokenChunks() {
    // a 4 KiB ACT holds the codes of 20 tokens of K = 200: 45 tokens run in 3 passes (20, 20, 5), each re-streaming
    // the weights (the DRAM row checks 3 passes over codes and steps)
    ArchConfig small = dev.tritium.simulator.config.ArchKeys.with(ARCH, "buffers.activation.size_bytes", "4096");
    for (String f : new String[] {OTHER, DOWN}) {
      CrossCheckReport r = new IntLinearCrossCheck(small, 64).run("test", FormatPresets.parse(f), 45, 24, 200, 7, 3,
          new IntMutation.None());
      assertTrue(r.passed(), r.render());
      assertTrue(r.title().contains("3 passes of 20 token(s)"), r.title());
    }
  }

  @Test
  void fullSizeDownProjDecodeIsBitExact() {
    // bitnet-b1.58-2b-4t's down_proj: 2560 outputs, K = 6912 = 27 x 256
    CrossCheckReport r = new IntLinearCrossCheck(ARCH).run("down_proj", FormatPresets.parse(DOWN), 1, 2560, 6912, 7,
        6, new IntMutation.None());
    assertTrue(r.passed(), r.render());
  }

  @Test
  void theDownProgramTransformsScalesAndQuantizesAsymmetrically() {
    SimulationRunner runner = new SimulationRunner(ARCH);
    CompiledIntLinear c = IntLinearLowering.compileSeeded(runner.target(), FormatPresets.parse(DOWN), 48, 192, 2, 7,
        6);
    long fwht = c.program().stream().filter(i -> i instanceof Vec v && v.op() == VecOp.FWHT).count();
    long scale = c.program().stream().filter(i -> i instanceof Vec v && v.op() == VecOp.SCALE).count();
    assertEquals(1, fwht);
    assertEquals(1, scale);
    for (Instruction i : c.program()) {
      if (i instanceof QuantIg q) {
        assertTrue(q.asymmetric() && q.group() == 0 && q.len() == 192 && q.rows() == 2, q.toString());
      }
    }
    CompiledIntLinear other = IntLinearLowering.compileSeeded(runner.target(), FormatPresets.parse(OTHER), 48, 192, 2,
        7, 6);
    assertEquals(0, other.program().stream().filter(i -> i instanceof Vec v && v.op() == VecOp.FWHT).count());
  }

  @Test
  void aChangedCodeStepOrGoldenFailsInBothForms() {
    for (String f : new String[] {OTHER, DOWN}) {
      for (IntMutation m : new IntMutation[] {new IntMutation.WeightCode(3, 17), new IntMutation.WeightScale(5),
          new IntMutation.GoldenUlp()}) {
        CrossCheckReport r = run(f, 64, 5, 24, 200, m);
        assertFalse(r.passed(), f + " " + m.describe() + "\n" + r.render());
        assertFalse(r.row("outputs y (fp32 bits)").verdict().name().equals("PASS"), r.render());
      }
    }
  }

  @Test
  void aWrongHadamardConstantOrANegatedTransformInputFails() {
    // c = 1 / sqrt(K) where the format takes 1 / sqrt(b), b = 8 the slice of K = 200; the negated input is token 0's
    // largest (a small one may move no code: the 4-bit grid absorbs it)
    float[] x = BitLinearCase.seededInput(5, 200, 7, 3);
    int largest = 0;
    for (int i = 1; i < 200; i++) {
      largest = Math.abs(x[i]) > Math.abs(x[largest]) ? i : largest;
    }
    for (IntMutation m : new IntMutation[] {new IntMutation.HadamardScale((float) (1 / Math.sqrt(200))),
        new IntMutation.NegatedTransformInput(largest)}) {
      CrossCheckReport r = run(DOWN, 64, 5, 24, 200, m);
      assertFalse(r.passed(), m.describe() + "\n" + r.render());
      assertFalse(r.row("outputs y (fp32 bits)").verdict().name().equals("PASS"), r.render());
    }
    // proj=other has no online transform to break
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run(OTHER, 64, 1, 24, 200, new IntMutation.NegatedTransformInput(3)));
    assertTrue(e.getMessage().contains("needs proj=down"), e.getMessage());
  }
}
