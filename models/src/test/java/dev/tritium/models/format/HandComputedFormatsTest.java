package dev.tritium.models.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.models.format.Outliers.IndexEncoding;
import dev.tritium.models.nn.BitLinear;
import dev.tritium.models.quant.Quantizers;
import org.junit.jupiter.api.Test;

/** Tiny cases per format, every intermediate worked out by hand in the comments. */
class HandComputedFormatsTest {

  private static final float[] X = {1f, 2f, 3f, 4f};

  @Test
  void bitnetB158() {
    // mean|W| = 7/8 -> s_w = 1/0.875; W s_w = [0.57, -1.71, 0, 2.29; 1.14, 1.14, -1.14, 0]
    float[] w = {0.5f, -1.5f, 0f, 2f, 1f, 1f, -1f, 0f};
    BitNetB158.Weights q = new BitNetB158().quantize(w, 2, 4);
    assertArrayEquals(new byte[] {1, -1, 0, 1, 1, 1, -1, 0}, q.ternary().values());
    // s_x = 127/4 = 31.75; xq = rint([31.75, 63.5, 95.25, 127]) = [32, 64 (tie to even), 95, 127]
    // acc = [32 - 64 + 127, 32 + 64 - 95] = [95, 1]
    float sw = 1f / 0.875f;
    assertArrayEquals(new float[] {95f / (sw * 31.75f), 1f / (sw * 31.75f)}, q.apply(X, 1));
  }

  @Test
  void bitnetB158IsBitIdenticalToBitLinear() {
    float[] w = LatentWeights.gaussian(48, 80, 0.02f, 11);
    float[] x = LatentWeights.gaussian(3, 80, 1.5f, 12);
    float[] expected = BitLinear.forward(Quantizers.quantizeWeights(w, 48, 80), x, 3);
    float[] actual = new BitNetB158().quantize(w, 48, 80).apply(x, 3);
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]), "output " + i);
    }
  }

  @Test
  void bitnetW1() {
    // sum W = 4 -> alpha = 0.5; sum|W| = 10 -> beta = 1.25
    // W - alpha = [0, -1.5, 1, -0.5; -2.5, 2.5, 1.5, -0.5]: Sign(0) = -1
    float[] w = {0.5f, -1f, 1.5f, 0f, -2f, 3f, 2f, 0f};
    BitNetW1.Weights q = new BitNetW1().quantize(w, 2, 4);
    assertArrayEquals(new byte[] {-1, -1, 1, -1, -1, 1, 1, -1}, q.signs().values());
    assertEquals(1.25f, q.beta());
    // token 0: xq = [32, 64, 95, 127], s_x = 31.75: acc = [-32 - 64 + 95 - 127, -32 + 64 + 95 - 127] = [-128, 0]
    // token 1: x = [-0.5, 0.25, 1, 0], s_x = 127: xq = [-64 (tie to even), 32, 127, 0]
    //          acc = [64 - 32 + 127, 64 + 32 + 127] = [159, 223]
    float[] x = {1f, 2f, 3f, 4f, -0.5f, 0.25f, 1f, 0f};
    // BitLinear's op order: s_w = 1 / beta = fp32(0.8), y = acc / (s_w * s_x)
    float sw = 1f / 1.25f;
    assertEquals(sw, q.signs().scale());
    float[] expected = {-128f / (sw * 31.75f), 0f, 159f / (sw * 127f), 223f / (sw * 127f)};
    assertArrayEquals(expected, q.apply(x, 2));
    assertEquals(q.signs(), q.bitLinear().orElseThrow());
  }

  @Test
  void oneBitApply() {
    // a = [2, 0.5], b = [1, 0.5, 2, 1]; x16 = fp16(1 + 2^-12) = 1 -> xb = [1, 1, 6, 4]
    // row 0 signs [+, -, +, -]: 1 - 1 + 6 - 4 = 2 -> y = 4; row 1 [-, +, +, +]: -1 + 1 + 6 + 4 = 10 -> y = 5
    OneBit.Weights q = new OneBit.Weights(new byte[] {1, -1, 1, -1, -1, 1, 1, 1}, 2, 4,
        new float[] {2f, 0.5f}, new float[] {1f, 0.5f, 2f, 1f});
    assertArrayEquals(new float[] {4f, 5f}, q.apply(new float[] {1f + 0x1p-12f, 2f, 3f, 4f}, 1));
  }

  @Test
  void oneBitSvidRecoversARankOneMagnitude() {
    // |W| = u v^T with u = [1, 2], v = [1, 0.5, 2, 1]: SVID must give a b^T = |W| up to fp16 rounding
    float[] w = {1f, -0.5f, 2f, -1f, -2f, 1f, 4f, 2f};
    OneBit.Weights q = new OneBit().quantize(w, 2, 4);
    assertArrayEquals(new byte[] {1, -1, 1, -1, -1, 1, 1, 1}, q.signs());
    float[] d = q.dequantize();
    for (int i = 0; i < w.length; i++) {
      assertEquals(w[i], d[i], Math.abs(w[i]) * 2e-3, "weight " + i);
    }
    for (float v : q.a()) {
      assertTrue(v > 0 && v == ScaleType.FP16.round(v), "a is positive fp16: " + v);
    }
    for (float v : q.b()) {
      assertTrue(v > 0 && v == ScaleType.FP16.round(v), "b is positive fp16: " + v);
    }
    assertEquals(2.0, q.a()[1] / q.a()[0], 2e-3);
    // the even split: |a| = |b| = sqrt(sigma), sigma = sqrt(5) x 2.5
    double sigma = Math.sqrt(5) * 2.5;
    assertEquals(Math.sqrt(sigma), Math.hypot(q.a()[0], q.a()[1]), 2e-3);
  }

  @Test
  void pbLlm() {
    // F = 0.25 of 8 -> m = 2 salient: |-0.9921875| and |0.50390625|; delta = 0.9921875 / 127 = 2^-7
    // q = [-127, rint(64.5) = 64 (tie to even)]; rest |W| sum = 1.375 over 6 -> alpha = 1.375 / 6
    float[] w = {0.125f, -0.9921875f, 0.25f, -0.375f, 0.50390625f, 0f, -0.25f, 0.375f};
    PbLlm.Weights q = new PbLlm(0.25, IndexEncoding.BITMAP).quantize(w, 2, 4);
    assertArrayEquals(new boolean[] {false, true, false, false, true, false, false, false}, q.salient());
    assertArrayEquals(new byte[] {0, -127, 0, 0, 64, 0, 0, 0}, q.q());
    assertArrayEquals(new byte[] {1, 0, 1, -1, 0, -1, -1, 1}, q.signs()); // Sign(0) = -1
    assertEquals(0x1p-7f, q.delta());
    float alpha = (float) (1.375 / 6);
    assertEquals(alpha, q.alpha());
    // row 0: sb = 1 + 3 - 4 = 0, so = -127 x 2; row 1: sb = -2 - 3 + 4 = -1, so = 64 x 1
    assertArrayEquals(new float[] {(0f * alpha) + (-254f * 0x1p-7f), (-1f * alpha) + (64f * 0x1p-7f)},
        q.apply(X, 1));
  }

  @Test
  void pbLlmBreaksMagnitudeTiesByLowerIndex() {
    PbLlm.Weights q = new PbLlm(0.25, IndexEncoding.CSR).quantize(new float[] {1f, -1f, 0.5f, 0.25f}, 1, 4);
    assertArrayEquals(new boolean[] {true, false, false, false}, q.salient());
    assertEquals(1, q.salientCount());
  }

  @Test
  void billm() {
    // block 4, salient 0.5 -> 2 salient columns; column norms^2 = [0.625, 5, 0.27, 10] -> columns 1 and 3
    float[] w = {0.25f, 2f, -0.5f, 1f, -0.75f, -1f, 0.125f, 3f};
    BiLlm.Weights q = new BiLlm(0.5, 4).quantize(w, 2, 4);
    assertArrayEquals(new boolean[] {false, true, false, true}, q.salientColumn());
    // row 0 salient [2, 1]: a1 = 1.5, B1 = [+, +], R = [0.5, -0.5], a2 = 0.5, B2 = [+, -]
    // row 1 salient [-1, 3]: a1 = 2, B1 = [-, +], R = [1, 1], a2 = 1, B2 = [+, +]
    assertArrayEquals(new float[] {1.5f, 2f}, q.a1());
    assertArrayEquals(new float[] {0.5f, 1f}, q.a2());
    // other |W|: row 0 [0.25, 0.5], row 1 [0.75, 0.125]; max 0.75; p_j = 0.75 j / 20; zero error needs
    // 0.25 <= p < 0.5, first at j = 7 (0.2625): row 0 c0 concentrated, c2 sparse; row 1 c0 sparse, c2 concentrated
    assertEquals((0.75f * 7) / 20f, BiLlm.breakPoint(w, 2, 4, 0, 4, q.salientColumn()));
    assertArrayEquals(new boolean[] {false, false, true, false, true, false, false, false}, q.sparse());
    assertArrayEquals(new float[] {0.25f, 0.125f}, q.ac());
    assertArrayEquals(new float[] {0.5f, 0.75f}, q.as());
    assertArrayEquals(w, q.dequantize());
    // row 0: s1 = 2 + 4, s2 = 2 - 4, sc = +1, ss = -3: ((1.5 x 6 + 0.5 x -2) + 0.25 x 1) + 0.5 x -3 = 6.75
    // row 1: s1 = -2 + 4, s2 = 2 + 4, sc = +3, ss = -1: ((2 x 2 + 1 x 6) + 0.125 x 3) + 0.75 x -1 = 9.625
    assertArrayEquals(new float[] {6.75f, 9.625f}, q.apply(X, 1));
  }

  @Test
  void billmShorterLastBlockAndEmptyGroups() {
    // K = 6, block 4: blocks [0, 4) and [4, 6); 1 salient column each (round(0.25 x 4))
    float[] w = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, -0.6f};
    BiLlm.Weights q = new BiLlm(0.25, 4).quantize(w, 1, 6);
    assertArrayEquals(new boolean[] {false, false, false, true, false, true}, q.salientColumn());
    assertEquals(2, q.a1().length);
    // block 1 has one other weight (0.5): max 0.5, every p_j < 0.5 makes it sparse; the sparse scale is 0.5
    assertEquals(ScaleType.FP16.round(0.5f), q.as()[1]);
    assertEquals(0f, q.ac()[1]);
    assertFalse(q.sparse()[3]);
  }

  @Test
  void ternaryLlm() {
    // G = 3 over K = 5: groups [-3, 1, 2] and [1, 0.5]
    // group 0: gamma = 0, alpha = 2, d / alpha = [-1.5, 0.5, 1] -> T = [-1, 0 (tie to even), 1]
    // group 1: gamma = 0.75, d = [0.25, -0.25], alpha = 0.25 -> T = [1, -1]
    float[] w = {-3f, 1f, 2f, 1f, 0.5f};
    TernaryLlm.Weights q = new TernaryLlm(3).quantize(w, 1, 5);
    assertArrayEquals(new byte[] {-1, 0, 1, 1, -1}, q.t());
    assertArrayEquals(new float[] {2f, 0.25f}, q.alpha());
    assertArrayEquals(new float[] {0f, 0.75f}, q.gamma());
    // x = [1, 2, 3, 4, 0.5]: sx = [6, 4.5]; t = [-1 + 3, 4 - 0.5] = [2, 3.5]
    // y = (2 x 2 + 0 x 6) + (0.25 x 3.5 + 0.75 x 4.5) = 4 + 4.25 = 8.25
    assertArrayEquals(new float[] {8.25f}, q.apply(new float[] {1f, 2f, 3f, 4f, 0.5f}, 1));
    assertArrayEquals(new float[] {-2f, 0f, 2f, 1f, 0.5f}, q.dequantize());
  }

  @Test
  void ternaryLlmStoresFp16ShiftAndScale() {
    // mean 0.1f is not an fp16 value: gamma = fp16(0.1f) = 0.0999755859375
    TernaryLlm.Weights q = new TernaryLlm(2).quantize(new float[] {0.1f, 0.1f}, 1, 2);
    assertEquals(0.0999755859375f, q.gamma()[0]);
    float d = 0.1f - 0.0999755859375f;
    assertEquals(ScaleType.FP16.round(d), q.alpha()[0]);
    assertArrayEquals(new byte[] {1, 1}, q.t());
  }

  @Test
  void fp16ActivationsAreRoundedBeforeUse() {
    // 2049 is not an fp16 value (11 significant bits): it ties to 2048
    TernaryLlm.Weights q = new TernaryLlm(1).quantize(new float[] {1f}, 1, 1);
    assertArrayEquals(new float[] {2048f}, q.apply(new float[] {2049f}, 1));
  }
}
