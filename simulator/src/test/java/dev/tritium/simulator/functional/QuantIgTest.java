package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.IntWidth;
import dev.tritium.isa.QuantIg;
import org.junit.jupiter.api.Test;

/**
 * QUANT.IG (symmetric integer-grid codes per group, fp16 steps) on hand-computed cases: the fp16-rounded step, round
 * half even, the clamp, a shorter last group, an all-zero group, the group-major steps, and a non-finite step; the
 * asymmetric grid (SpinQuant's activations: zero point, codes written as q - z, the clamp at 15).
 */
class QuantIgTest extends VecFixture {

  private byte[] codes(int addr, int count) {
    byte[] out = new byte[count];
    System.arraycopy(s.buffer(Buffer.ACT).bytes(), addr, out, 0, count);
    return out;
  }

  @Test
  void int4GroupsRoundHalfEvenOnFp16Steps() {
    // 2 rows x 5 values, groups of 3 (the second group has 2 values)
    // row 0: [0.7, -0.35, 0.1 | 0, 0]: step = fp16(0.7 / 7) = fp16(0.1) = 0.0999755859375;
    //   0.7 / step = 7.0017... -> 7; -0.35 / step = -3.5008... -> -4; 0.1 / step = 1.0002... -> 1; group 2 all zero: step 0, codes 0
    // row 1: [1, 3, -7 | 2.5, -0.5]: step = 1 (7 / 7); codes 1, 3, -7; group 2: step = fp16(2.5 / 7) = 0.357177734375,
    //   2.5 / step = 6.9993... -> 7; -0.5 / step = -1.3998... -> -1
    vec(0, 0.7f, -0.35f, 0.1f, 0f, 0f, 1f, 3f, -7f, 2.5f, -0.5f);
    model.execute(new QuantIg(NO_DEPS, 64, 0, 1024, 2, 5, 3, IntWidth.INT4), s, c);
    assertArrayEquals(new byte[] {7, -4, 1, 0, 0, 1, 3, -7, 7, -1}, codes(64, 10));
    // steps group-major: (row 0, g 0), (row 1, g 0), (row 0, g 1), (row 1, g 1)
    assertArrayEquals(new float[] {0.0999755859375f, 1f, 0f, 0.357177734375f}, vec(1024, 4));
    assertEquals(2 * 2 * 2, c.snapshot().fp32Ops(Fp32Op.CVT));
  }

  @Test
  void halfwayCodesGoToEvenAndInt8ClampsAtTheGrid() {
    // one group of 3, int8: max 127 -> step 1; 2.5 -> 2 (half to even), -3.5 -> -4, 127 -> 127
    vec(0, 2.5f, -3.5f, 127f);
    model.execute(new QuantIg(NO_DEPS, 0, 0, 512, 1, 3, 0, IntWidth.INT8), s, c);
    assertArrayEquals(new byte[] {2, -4, 127}, codes(0, 3));
    assertArrayEquals(new float[] {1f}, vec(512, 1));
  }

  @Test
  void aStepBeyondFp16IsAnError() {
    vec(0, 1e30f, 1f);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> model.execute(new QuantIg(NO_DEPS, 0, 0, 512, 1, 2, 0, IntWidth.INT4), s, c));
    assertTrue(e.getMessage().contains("beyond fp16's range"), e.getMessage());
  }

  @Test
  void asymmetricInt4WritesQMinusZeroPointPerGroup() {
    // row 0, group [1.5, -0.75, 0.5, 3]: lo = -0.75, hi = 3, step = fp16(3.75 / 15) = 0.25, z = rint(3) = 3;
    //   q = rint(v / 0.25) + 3 = 9, 0, 5, 15 -> q - z = 6, -3, 2, 12
    // row 1, group [0.95, -0.55, 0, 0] (the last two zeros keep the range): step = fp16(1.5 / 15) = 0.0999755859375,
    //   z = rint(5.5013...) = 6; 0.95 / step = 9.502... -> 10, 10 + 6 = 16 clamps to 15 -> 9; -0.55 -> -6 + 6 = 0 -> -6
    vec(0, 1.5f, -0.75f, 0.5f, 3f, 0.95f, -0.55f, 0f, 0f);
    model.execute(new QuantIg(NO_DEPS, 64, 0, 1024, 2, 4, 0, IntWidth.INT4, true), s, c);
    assertArrayEquals(new byte[] {6, -3, 2, 12, 9, -6, 0, 0}, codes(64, 8));
    assertArrayEquals(new float[] {0.25f, 0.0999755859375f}, vec(1024, 2));
    // per value two adds (+ z, - z), per group one (the range)
    assertEquals(2 * 8 + 2, c.snapshot().fp32Ops(Fp32Op.ADD));
  }

  @Test
  void anAllZeroAsymmetricGroupHasStepZeroAndZeroCodes() {
    vec(0, 0f, 0f, 0f, 0f);
    model.execute(new QuantIg(NO_DEPS, 16, 0, 512, 1, 4, 2, IntWidth.INT4, true), s, c);
    assertArrayEquals(new byte[] {0, 0, 0, 0}, codes(16, 4));
    assertArrayEquals(new float[] {0f, 0f}, vec(512, 2));
  }

  @Test
  void anAsymmetricInt8GridIsRefused() {
    vec(0, 1f, -1f);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> model.execute(new QuantIg(NO_DEPS, 0, 0, 512, 1, 2, 0, IntWidth.INT8, true), s, c));
    assertTrue(e.getMessage().contains("INT4 only"), e.getMessage());
  }
}
