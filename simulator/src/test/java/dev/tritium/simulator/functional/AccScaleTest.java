package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import org.junit.jupiter.api.Test;

/**
 * VEC.ACC_SCALE (int32 accumulators times per-output weight steps and per-row activation scales) on hand-computed
 * cases: the int32-to-fp32 rounding, the order of the two products, {@code 0f + t} (which turns -0 into +0), the
 * accumulate and the w8a8 divide, and the counts.
 */
class AccScaleTest extends VecFixture {

  private static final int ACC = 0;
  private static final int STEPS = 1024;
  private static final int OUT = 2048;

  private void accumulators(int... v) {
    for (int i = 0; i < v.length; i++) {
      s.buffer(Buffer.ACC).bytes()[ACC + 4 * i] = (byte) v[i];
      s.buffer(Buffer.ACC).bytes()[ACC + 4 * i + 1] = (byte) (v[i] >> 8);
      s.buffer(Buffer.ACC).bytes()[ACC + 4 * i + 2] = (byte) (v[i] >> 16);
      s.buffer(Buffer.ACC).bytes()[ACC + 4 * i + 3] = (byte) (v[i] >> 24);
    }
  }

  @Test
  void stepsMultiplyInOrderAndAddToZeroOrDst() {
    // rows 2 x len 2: acc [[3, -7], [16777217, 0]]; s_w = [0.5, -3], s_x = [2, 0.25]
    accumulators(3, -7, 16777217, 0);
    vec(STEPS, 0.5f, -3f, 2f, 0.25f);
    model.execute(new Vec(NO_DEPS, VecOp.ACC_SCALE, OUT, ACC, STEPS, 2, 2, VecOp.ACC_SCALE_WRITE), s, c);
    // (3 * 0.5) * 2 = 3; (-7 * -3) * 2 = 42; (float) 16777217 = 16777216 (ties to even), * 0.5 * 0.25 = 2097152;
    // (0 * -3) * 0.25 = -0, and 0f + -0 = +0
    float[] y = vec(OUT, 4);
    assertArrayEquals(new float[] {3f, 42f, 2097152f, 0f}, y);
    assertEquals(0, Float.floatToRawIntBits(y[3]), "0f + (-0) is +0, as the format's y = 0f; y = y + t");
    model.execute(new Vec(NO_DEPS, VecOp.ACC_SCALE, OUT, ACC, STEPS, 2, 2, VecOp.ACC_SCALE_ADD), s, c);
    assertArrayEquals(new float[] {6f, 84f, 4194304f, 0f}, vec(OUT, 4));
    ActionCounts n = c.snapshot();
    assertEquals(8, n.fp32Ops(Fp32Op.CVT));
    assertEquals(16, n.fp32Ops(Fp32Op.MUL));
    assertEquals(8, n.fp32Ops(Fp32Op.ADD));
  }

  @Test
  void divideModeIsW8a8sOutput() {
    accumulators(3, -7, 1, 5);
    vec(STEPS, 0.5f, -3f, 2f, 3f);
    model.execute(new Vec(NO_DEPS, VecOp.ACC_SCALE, OUT, ACC, STEPS, 2, 2, VecOp.ACC_SCALE_DIVIDE), s, c);
    // (3 * 0.5) / 2 = 0.75; (-7 * -3) / 2 = 10.5; (1 * 0.5) / 3 = 0.16666667f; (5 * -3) / 3 = -5
    assertArrayEquals(new float[] {0.75f, 10.5f, 0.5f / 3f, -5f}, vec(OUT, 4));
    assertEquals(4, c.snapshot().fp32Ops(Fp32Op.DIV));
    assertThrows(IllegalArgumentException.class,
        () -> model.execute(new Vec(NO_DEPS, VecOp.ACC_SCALE, OUT, ACC, STEPS, 2, 2, 3), s, c));
  }
}
