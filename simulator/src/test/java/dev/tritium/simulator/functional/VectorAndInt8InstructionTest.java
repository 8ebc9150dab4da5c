package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmInt8;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Sync;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import org.junit.jupiter.api.Test;

class VectorAndInt8InstructionTest extends VecFixture {


  private void run(VecOp op, int dst, int a, int b, int rows, int len, int imm) {
    model.execute(new Vec(NO_DEPS, op, dst, a, b, rows, len, imm), s, c);
  }

  @Test
  void quantRoundsTiesToEvenAndWritesScales() {
    // absmax 127 gives s_x = 1, so the products are the inputs: ties at .5 go to the even neighbour
    vec(0, 127f, 2.5f, 3.5f, -2.5f, 0.5f, -0.5f, 1.5f, -127f);
    run(VecOp.QUANT, 0, 0, 1024, 1, 8, 0);
    byte[] q = new byte[8];
    s.buffer(Buffer.ACT).read(0, q, 0, 8);
    assertArrayEquals(new byte[] {127, 2, 4, -2, 0, 0, 2, -127}, q);
    assertEquals(1f, vec(1024, 1)[0]);
    // an all-zero row uses the 1e-5 floor: s_x = 127 / 1e-5
    vec(64, 0f, 0f);
    run(VecOp.QUANT, 16, 64, 1028, 1, 2, 0);
    assertEquals(127f / 1e-5f, vec(1028, 1)[0]);
    // counts per row: 3 len + 1 compares, 1 div, len muls, len rounds
    ActionCounts n = c.snapshot();
    assertEquals(3 * 8 + 1 + 3 * 2 + 1, n.fp32Ops(Fp32Op.MAX));
    assertEquals(2, n.fp32Ops(Fp32Op.DIV));
    assertEquals(10, n.fp32Ops(Fp32Op.ROUND));
  }

  @Test
  void dequantDividesByTheProductOfScales() {
    s.buffer(Buffer.ACC).writeInt32s(0, new int[] {10, -3, 7, 1});
    vec(256, 4f, 0.5f); // s_x per row
    model.execute(Cfg.ofFloat(NO_DEPS, CfgReg.DEQUANT_WEIGHT_SCALE, 2f), s, c);
    run(VecOp.DEQUANT, 0, 0, 256, 2, 2, 0);
    assertArrayEquals(new float[] {1.25f, -0.375f, 7f, 1f}, vec(0, 4));
    assertEquals(2, c.snapshot().fp32Ops(Fp32Op.MUL));
    assertEquals(4, c.snapshot().fp32Ops(Fp32Op.CVT));
  }

  @Test
  void dequantWithoutAWeightScaleIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> run(VecOp.DEQUANT, 0, 0, 256, 1, 1, 0));
  }

  @Test
  void rmsNormOnAnExactCase() {
    vec(0, 1f, -1f, 1f, -1f);
    vec(64, 1f, 2f, 3f, 4f);
    model.execute(Cfg.ofFloat(NO_DEPS, CfgReg.RMSNORM_EPS, 1e-30f), s, c); // 1 + 1e-30 rounds to 1
    run(VecOp.RMSNORM, 128, 0, 64, 1, 4, 0);
    assertArrayEquals(new float[] {1f, -2f, 3f, -4f}, vec(128, 4));
    // 3, 4: mean of squares 12.5; y = (x / sqrt(12.5)) * 1
    vec(0, 3f, 4f);
    vec(64, 1f, 1f);
    run(VecOp.RMSNORM, 0, 0, 64, 1, 2, 0);
    float inv = 1f / (float) Math.sqrt(12.5f);
    assertArrayEquals(new float[] {3f * inv, 4f * inv}, vec(0, 2));
    assertEquals(6, c.snapshot().fp32Ops(Fp32Op.MAC));
  }

  @Test
  void elementwiseOps() {
    vec(0, -2f, 3f, 0f);
    vec(64, 5f, 2f, 7f);
    run(VecOp.ADD, 128, 0, 64, 1, 3, 0);
    assertArrayEquals(new float[] {3f, 5f, 7f}, vec(128, 3));
    run(VecOp.MUL, 128, 0, 64, 1, 3, 0);
    assertArrayEquals(new float[] {-10f, 6f, 0f}, vec(128, 3));
    run(VecOp.GATE_RELU2, 128, 0, 64, 1, 3, 0);
    assertArrayEquals(new float[] {0f, 18f, 0f}, vec(128, 3));
    run(VecOp.GATE_SILU, 128, 0, 64, 1, 3, 0);
    float silu3 = 3f / (1f + (float) Math.exp(-3f));
    float siluM2 = -2f / (1f + (float) Math.exp(2f));
    assertArrayEquals(new float[] {siluM2 * 5f, silu3 * 2f, 0f}, vec(128, 3));
    run(VecOp.COPY, 192, 0, 0, 1, 3, 0);
    assertArrayEquals(new float[] {-2f, 3f, 0f}, vec(192, 3));
    ActionCounts n = c.snapshot();
    assertEquals(3 + 3, n.fp32Ops(Fp32Op.ADD)); // ADD, then SILU's 1 + exp
    assertEquals(3, n.fp32Ops(Fp32Op.EXP));
  }

  @Test
  void causalSoftmaxMasksPastTheValidLength() {
    vec(0, 5f, 1f, 9f, 0f, 0f, 9f);
    run(VecOp.SOFTMAX, 0, 0, 0, 2, 3, 1); // row 0: 1 valid column, row 1: 2
    assertArrayEquals(new float[] {1f, 0f, 0f, 0.5f, 0.5f, 0f}, vec(0, 6));
    assertEquals(3, c.snapshot().fp32Ops(Fp32Op.EXP));
    vec(0, 0f, 0f, 0f, 0f);
    run(VecOp.SOFTMAX, 0, 0, 0, 1, 4, 0); // imm 0: all columns
    assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, vec(0, 4));
  }

  @Test
  void ropeRotatesHalvesByPosition() {
    model.execute(new Cfg(NO_DEPS, CfgReg.ROPE_HEAD_DIM, 4), s, c);
    model.execute(Cfg.ofFloat(NO_DEPS, CfgReg.ROPE_THETA, 10000f), s, c);
    vec(0, 1f, 2f, 3f, 4f, /* row 1 */ 1f, 2f, 3f, 4f);
    run(VecOp.ROPE, 64, 0, 0, 2, 4, 0); // row 0 at position 0 (identity), row 1 at position 1
    float[] out = vec(64, 8);
    assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, java.util.Arrays.copyOfRange(out, 0, 4));
    // frequency 0: 1; frequency 1: 1 / 10000^(2/4) = 0.01; pairs (x0, x2) and (x1, x3)
    float c0 = (float) Math.cos(1f);
    float s0 = (float) Math.sin(1f);
    float f1 = 1f / (float) Math.pow(10000f, 0.5f);
    float c1 = (float) Math.cos(f1);
    float s1 = (float) Math.sin(f1);
    assertArrayEquals(new float[] {1f * c0 - 3f * s0, 2f * c1 - 4f * s1, 3f * c0 + 1f * s0, 4f * c1 + 2f * s1},
        java.util.Arrays.copyOfRange(out, 4, 8));
    assertEquals(4, c.snapshot().fp32Ops(Fp32Op.SIN));
    assertEquals(2, c.snapshot().fp32Ops(Fp32Op.POW));
  }

  @Test
  void int8GemmPlainAndTransposed() {
    byte[] a = {1, 2, 3, /* row 1 */ -1, 0, 4};
    byte[] b = {1, 0, -1, /* row 1 */ 2, 2, 2}; // B [n=2][k=3]
    s.buffer(Buffer.ACT).write(0, a, 0, 6);
    s.buffer(Buffer.ACT).write(16, b, 0, 6);
    model.execute(new GemmInt8(NO_DEPS, 0, 16, 0, 2, 2, 3, false, false), s, c);
    assertArrayEquals(new int[] {-2, 12, -5, 6}, Machines.acc(s, 0, 4));
    byte[] bt = {1, 2, 0, 2, -1, 2}; // the same B stored [k=3][n=2]
    s.buffer(Buffer.ACT).write(32, bt, 0, 6);
    model.execute(new GemmInt8(NO_DEPS, 0, 32, 0, 2, 2, 3, true, true), s, c);
    assertArrayEquals(new int[] {-4, 24, -10, 12}, Machines.acc(s, 0, 4));
    assertEquals(24, c.snapshot().int8Macs());
  }

  @Test
  void controlInstructions() {
    model.execute(new Cfg(NO_DEPS, CfgReg.ACT_ROW_STRIDE_BYTES, 96), s, c);
    assertEquals(96, s.cfg(CfgReg.ACT_ROW_STRIDE_BYTES));
    model.execute(new Sync(NO_DEPS, Queue.LOAD), s, c);
    model.execute(new Finish(NO_DEPS), s, c);
    assertThrows(IllegalArgumentException.class,
        () -> model.execute(new LoopGemm(NO_DEPS, 0, 0, 0, false, false, false), s, c));
  }
}
