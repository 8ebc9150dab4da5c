package dev.tritium.models.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.models.format.IntGrid.Group;
import org.junit.jupiter.api.Test;

/** Tiny cases for the multi-bit presets, every intermediate worked out by hand in the comments. */
class MultiBitHandComputedTest {

  @Test
  void fp16Dense() {
    // w16 = [1, 2048 (2049 ties to even), 0.5, -3]; x16 = [1, 1, 2, 1 (1 + 2^-12 rounds to 1)]
    // s = 1 + 2048 + 1 - 3 = 2047
    Fp16Dense.Weights q = new Fp16Dense().quantize(new float[] {1f, 2049f, 0.5f, -3f}, 1, 4);
    assertArrayEquals(new float[] {1f, 2048f, 0.5f, -3f}, q.w16());
    assertArrayEquals(new float[] {2047f}, q.apply(new float[] {1f, 1f, 2f, 1f + 0x1p-12f}, 1));
  }

  @Test
  void w8a8() {
    // max|W| = 7.9375 = 127 x 2^-4 -> s = fp16(2^-4) = 0.0625; q = [127, -16, rint(8.5) = 8 (tie to even), 0]
    W8A8.Weights q = new W8A8().quantize(new float[] {7.9375f, -1f, 0.53125f, 0f}, 1, 4);
    assertArrayEquals(new int[] {127, -16, 8, 0}, q.q());
    assertArrayEquals(new float[] {0.0625f}, q.scales());
    // x = [1, 2, 3, 4]: s_x = 31.75, xq = [32, 64, 95, 127]; acc = 4064 - 1024 + 760 = 3800
    assertArrayEquals(new float[] {(3800f * 0.0625f) / 31.75f}, q.apply(new float[] {1f, 2f, 3f, 4f}, 1));
  }

  @Test
  void abqBitPlanes() {
    // W = [-1, 0, 0.5, 2], 2 bits asymmetric: lo = -1, hi = 2, step = fp16(3 / 3) = 1, z = rint(1) = 1
    // u_w = rint(W) + 1 = [0, 1, rint(0.5) + 1 = 1 (tie to even), 3]
    AbqLlm.Weights q = new AbqLlm(2, 3).quantize(new float[] {-1f, 0f, 0.5f, 2f}, 1, 4);
    assertArrayEquals(new int[] {0, 1, 1, 3}, q.codes());
    assertArrayEquals(new float[] {1f}, q.steps());
    assertArrayEquals(new int[] {1}, q.zeros());
    // x = [0.5, 3, -0.5, 1], 3 bits: lo = -0.5, hi = 3, step = fp16(3.5 / 7) = 0.5, z = 1, u_x = [2, 7, 0, 3]
    float[] x = {0.5f, 3f, -0.5f, 1f};
    IntGrid.Codes xa = q.quantizeActivations(x, 1);
    assertArrayEquals(new int[] {2, 7, 0, 3}, xa.codes());
    assertEquals(new Group(0.5f, 1, 3, false), xa.groups()[0]);
    // planes W_0 = 0111, W_1 = 0001; A_0 = 0101, A_1 = 1101, A_2 = 0100 (element 0 first)
    // P = 1 x 2 + 2 x 2 + 4 x 1 (i = 0) + 2 x 1 + 4 x 1 (i = 1) = 16 = sum u_w u_x = 7 + 9
    // acc = P - z_x S_w - z_w S_x + K z_w z_x = 16 - 5 - 12 + 4 = 3 = (-1)(1) + 0 + 0 + (2)(2)
    assertArrayEquals(new long[] {3}, q.accumulate(xa));
    assertArrayEquals(new long[] {3}, q.accumulatePlain(xa));
    assertArrayEquals(new float[] {(3f * 1f) * 0.5f}, q.apply(x, 1));
  }

  @Test
  void atom() {
    // group 2, 1 outlier channel: column 1 (|-3.97| has the largest norm); normal columns [0, 2, 3, 4]
    // normal groups [0.4375, 0.125] (step fp16(0.4375 / 7) = 0.0625, q = [7, 2]) and
    // [0.875, -0.3125] (step 0.125, q = [7, rint(-2.5) = -2]); outlier int8: step 2^-5, q = -127
    float[] w = {0.4375f, -3.96875f, 0.125f, 0.875f, -0.3125f};
    Atom.Weights q = new Atom(2, 1).quantize(w, 1, 5);
    assertArrayEquals(new int[] {1}, q.outlierColumns());
    assertArrayEquals(new int[] {0, 2, 3, 4}, q.normalColumns());
    assertArrayEquals(new int[] {7, 2, 7, -2}, q.normal().codes());
    assertArrayEquals(new int[] {-127}, q.outliers().codes());
    assertEquals(0.03125f, q.outliers().groups()[0].step());
    // x normal [1, 3.5 | -7, 1.75]: steps 0.5 and 1, q = [2, 7 | -7, 2]; outlier x 1.984375: step 2^-6, q = 127
    // y = 0 + (28 x 0.0625) x 0.5 = 0.875; + (-53 x 0.125) x 1 = -5.75; + (-16129 x 2^-5) x 2^-6 = -13.62548828125
    float[] x = {1f, 1.984375f, 3.5f, -7f, 1.75f};
    assertArrayEquals(new float[] {-13.62548828125f}, q.apply(x, 1));
    assertArrayEquals(new float[] {0.4375f, -3.96875f, 0.125f, 0.875f, -0.25f}, q.dequantize());
  }

  @Test
  void quipApply() {
    // D_U = [+, -], D_V = [-, +]; row 0: u = [3, 0], z = 1, step 0.5; row 1: u = [1, 2], z = 2, step 1
    IntGrid.Codes codes = new IntGrid.Codes(new int[] {3, 0, 1, 2},
        new Group[] {new Group(0.5f, 1, 2, false), new Group(1f, 2, 2, false)}, 2, 2, 0);
    Quip.Weights q = new Quip.Weights(2, 2, codes, new byte[] {1, -1}, new byte[] {-1, 1});
    // x = [1, 3]: t = D_V x = [-1, 3]; FWHT: [2, -4]; row 0: (2)(2) + (-1)(-4) = 8 -> 4; row 1: (-1)(2) + 0 = -2
    // FWHT([4, -2]) = [2, 6]; D_U: [2, -6]; c = 1 / sqrt(2 x 2) = 0.5 -> y = [1, -3]
    assertArrayEquals(new float[] {1f, -3f}, q.apply(new float[] {1f, 3f}, 1));
    // U^T Q V with Q = [[1, -0.5], [-1, 0]]: D_U H Q H D_V / 2 = [[0.25, 0.25], [0.75, -1.25]]; W x = [1, -3]
    assertArrayEquals(new float[] {0.25f, 0.25f, 0.75f, -1.25f}, q.dequantize());
  }

  @Test
  void quipQuantizerSpreadsASingleWeight() {
    // W = [[1, 0], [0, 0]]: D_U W D_V = s E_00 with s = d_U0 d_V0; H E_00 H = all ones; / sqrt(2 x 2):
    // W~ = s [[0.5, 0.5], [0.5, 0.5]], fully incoherent. 2-bit asymmetric per row: step = fp16(0.5 / 3), and
    // q - z = 3 s (s = +1: q = 3, z = 0; s = -1: q = 0, z = 3). Back: D_U H (3 s step ones) H D_V / 2 =
    // [[6 step, 0], [0, 0]] whatever the signs
    Quip.Weights q = new Quip().quantize(new float[] {1f, 0f, 0f, 0f}, 2, 2);
    int s = q.du()[0] * q.dv()[0];
    float step = ScaleType.FP16.round(0.5f / 3);
    for (int r = 0; r < 2; r++) {
      assertEquals(step, q.codes().groups()[r].step());
      for (int c = 0; c < 2; c++) {
        assertEquals(3 * s, q.codes().value(r, c), "q - z at " + r + ", " + c);
      }
    }
    assertArrayEquals(new float[] {6 * step, 0f, 0f, 0f}, q.dequantize(), 0f); // zeros may be -0 (sign flips)
  }

  @Test
  void spinQuantDownProjOnlineHadamard() {
    // x = [3.5, 4.5, 1, 3]: x H_4 = [12, -3, 4, 1], times c = 1 / sqrt(4) = 0.5: t = [6, -1.5, 2, 0.5]
    // A4 asymmetric: lo = -1.5, hi = 6, step = fp16(7.5 / 15) = 0.5, z = 3, u = [15, 0, 7, 4], u - z = [12, -3, 4, 1]
    IntGrid.Codes codes = new IntGrid.Codes(new int[] {1, -2, 3, 0, -8, 7, 0, 1},
        new Group[] {new Group(0.25f, 0, 4, true), new Group(0.125f, 0, 4, true)}, 2, 4, 0);
    SpinQuant.Weights q = new SpinQuant.Weights(2, 4, true, codes, new byte[] {1, 1, 1, 1});
    // row 0: 12 + 6 + 12 + 0 = 30 -> (30 x 0.25) x 0.5 = 3.75; row 1: -96 - 21 + 0 + 1 = -116 -> -7.25
    assertArrayEquals(new float[] {3.75f, -7.25f}, q.apply(new float[] {3.5f, 4.5f, 1f, 3f}, 1));
  }

  @Test
  void spinQuantMergedRotationIsExactForRepresentableWeights() {
    // W = [[4, 0, 0, 0]] with R = H_4 D / 2: W R = [2 d_0, 2 d_1, 2 d_2, 2 d_3]; 4-bit symmetric step
    // fp16(2 / 7), q = 7 d_k; back in the original basis Q R^T = (Q D) H / 2 = [14 step, 0, 0, 0]
    SpinQuant.Weights q = new SpinQuant(false).quantize(new float[] {4f, 0f, 0f, 0f}, 1, 4);
    byte[] d = q.d();
    for (int k = 0; k < 4; k++) {
      assertEquals(7 * d[k], q.codes().codes()[k], "code " + k);
    }
    float step = ScaleType.FP16.round(2f / 7);
    float[] deq = q.dequantize();
    assertEquals(7 * step * 2, deq[0], 1e-6);
    assertEquals(0f, deq[1], 1e-6);
    // x = [1, 0, 0, 0]: R^T x = D H x / 2 = [d_k / 2], what the merged rotations upstream deliver
    float[] xr = q.rotatedInput(new float[] {1f, 0f, 0f, 0f}, 1);
    for (int k = 0; k < 4; k++) {
      assertEquals(d[k] * 0.5f, xr[k]);
    }
  }

  @Test
  void kvInt4PerGroupAndPivots() {
    // int4 group 2 over [-1.5, 6 | 0.3, 0.9]: group 0 step fp16(7.5 / 15) = 0.5, z = 3, exact;
    // group 1 lo = 0, step = fp16(0.9f / 15) = 0.05999755859375, u = [5, 15]
    float[] kv = {-1.5f, 6f, 0.3f, 0.9f};
    KvCacheFormat int4 = KvCacheFormats.parse("int4:group=2");
    float step = ScaleType.FP16.round(0.9f / 15);
    assertEquals(0.05999755859375f, step);
    float[] expected = {-1.5f, 6f, 5 * step, 15 * step};
    assertArrayEquals(expected, int4.store(kv, 1, 4, 7));
    // intactkv with 1 pivot: position 0 stays fp16 (0.3f -> 0.300048828125: 0.2 x 1024 = 204.8 rounds to 205), position 1 is int4
    KvCacheFormat intact = KvCacheFormats.parse("intactkv:bits=4,pivots=1,group=2");
    float[] two = {-1.5f, 6f, 0.3f, 0.9f, -1.5f, 6f, 0.3f, 0.9f};
    float[] got = intact.store(two, 2, 4, 0);
    assertArrayEquals(new float[] {-1.5f, 6f, 0.300048828125f, ScaleType.FP16.round(0.9f)},
        java.util.Arrays.copyOfRange(got, 0, 4));
    assertArrayEquals(expected, java.util.Arrays.copyOfRange(got, 4, 8));
    // written later (first position 1), no token is a pivot
    assertArrayEquals(expected, java.util.Arrays.copyOfRange(intact.store(two, 2, 4, 1), 0, 4));
    assertArrayEquals(new float[] {0.300048828125f}, new KvCacheFormat.Fp16().store(new float[] {0.3f}, 1, 1, 9));
  }
}
