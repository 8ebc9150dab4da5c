package dev.tritium.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.models.config.Activation;
import org.junit.jupiter.api.Test;

/** Hand-computed cases for RMSNorm, RoPE, softmax/attention and the FFN gating. */
class NumericsHandComputedTest {

  @Test
  void rmsNormOfConstantVectorIsTheGain() {
    float[] x = {2f, 2f, 2f, 2f};
    float[] y = new float[4];
    // ss = 16, mean = 4, inv = 1 / sqrt(4 + 0) = 0.5, y = (2 * 0.5) * g
    RmsNorm.apply(x, 0, 4, new float[] {1f, 0.5f, -3f, 0.25f}, 0f, y, 0);
    assertArrayEquals(new float[] {1f, 0.5f, -3f, 0.25f}, y);
  }

  @Test
  void rmsNormThreeFour() {
    float[] y = new float[2];
    RmsNorm.apply(new float[] {3f, 4f}, 0, 2, new float[] {1f, 1f}, 0f, y, 0);
    // mean = 12.5, sqrt = 3.5355339, y = 3 / 3.5355339 = 0.8485281, 4 / 3.5355339 = 1.1313709
    assertEquals(0.8485281f, y[0], 1e-7f);
    assertEquals(1.1313709f, y[1], 1e-7f);
  }

  @Test
  void rmsNormEpsilonMatters() {
    float[] y = new float[1];
    // x = 0: ss = 0, inv = 1 / sqrt(eps) stays finite and y = 0; x = 1e-3, eps = 1e-6: mean + eps = 2e-6
    RmsNorm.apply(new float[] {0f}, 0, 1, new float[] {1f}, 1e-5f, y, 0);
    assertEquals(0f, y[0]);
    RmsNorm.apply(new float[] {1e-3f}, 0, 1, new float[] {1f}, 1e-6f, y, 0);
    assertEquals((float) (1e-3 / Math.sqrt(2e-6)), y[0], 1e-6f);
  }

  @Test
  void ropeFrequenciesFollowHf() {
    Rope rope = new Rope(4, 10000);
    // inv_freq = 1 / 10000^(arange(0, 4, 2) / 4) = [1, 1/100]
    assertArrayEquals(new float[] {1f, 0.01f}, rope.inverseFrequencies());
  }

  @Test
  void ropeAtPositionZeroIsIdentityAndRotatesHalfPairs() {
    Rope rope = new Rope(4, 10000);
    float[] x = {1f, 2f, 3f, 4f};
    rope.rotate(x, 0, 1, rope.table(0));
    assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, x);
    // position 1: pair (x0, x2) turns by 1 rad, pair (x1, x3) by 0.01 rad
    float[] y = {1f, 2f, 3f, 4f};
    rope.rotate(y, 0, 1, rope.table(1));
    float c1 = (float) Math.cos(1f);
    float s1 = (float) Math.sin(1f);
    float c2 = (float) Math.cos(0.01f);
    float s2 = (float) Math.sin(0.01f);
    assertArrayEquals(new float[] {1f * c1 - 3f * s1, 2f * c2 - 4f * s2, 3f * c1 + 1f * s1, 4f * c2 + 2f * s2}, y);
    assertEquals(0.5403023 - 3 * 0.84147098, y[0], 1e-6);
  }

  @Test
  void attentionWithOneKeyReturnsItsValue() {
    float[] out = new float[2];
    Attention.attend(new float[] {5f, -1f}, 0, new float[] {0.3f, 7f}, new float[] {4f, -2f}, 1, 1, 1, 2, out, 0);
    assertArrayEquals(new float[] {4f, -2f}, out);
  }

  @Test
  void attentionSoftmaxHandComputed() {
    // head dim 2, scale 1/sqrt(2); s0 = 0, s1 = ln 3 -> p = [1/4, 3/4]; out = 1/4 v0 + 3/4 v1 = [1, 6]
    float k1 = (float) (Math.log(3) * Math.sqrt(2));
    float[] keys = {0f, 0f, k1, 0f};
    float[] values = {4f, 0f, 0f, 8f};
    float[] out = new float[2];
    Attention.attend(new float[] {1f, 0f}, 0, keys, values, 2, 1, 1, 2, out, 0);
    assertEquals(1f, out[0], 1e-6f);
    assertEquals(6f, out[1], 1e-6f);
  }

  @Test
  void attentionIsCausalThroughContextAndGroupsQueryHeads() {
    // two query heads share one KV head; context 1 ignores the second cached position
    float[] keys = {1f, 0f, 100f, 0f};
    float[] values = {2f, 3f, 50f, 60f};
    float[] out = new float[4];
    Attention.attend(new float[] {1f, 1f, -1f, 0f}, 0, keys, values, 1, 2, 1, 2, out, 0);
    assertArrayEquals(new float[] {2f, 3f, 2f, 3f}, out);
  }

  @Test
  void softmaxSubtractsTheMaxSoHugeScoresStayFinite() {
    float[] keys = {1000f, 0f, 999f, 0f};
    float[] values = {1f, 0f, 0f, 1f};
    float[] out = new float[2];
    Attention.attend(new float[] {(float) Math.sqrt(2), 0f}, 0, keys, values, 2, 1, 1, 2, out, 0);
    // scores 1000 and 999 -> p = [e/(e+1), 1/(e+1)]
    assertEquals((float) (Math.E / (Math.E + 1)), out[0], 1e-6f);
    assertEquals((float) (1 / (Math.E + 1)), out[1], 1e-6f);
  }

  @Test
  void relu2AndSiluGating() {
    float[] g = {-1f, 2f, 0.5f};
    FeedForwardActivation.applyInPlace(Activation.RELU2, g, new float[] {5f, 3f, 4f});
    assertArrayEquals(new float[] {0f, 12f, 1f}, g);
    float[] s = {0f, 1f, -2f};
    FeedForwardActivation.applyInPlace(Activation.SILU, s, new float[] {9f, 1f, 2f});
    assertEquals(0f, s[0]);
    assertEquals(0.7310586f, s[1], 1e-7f);
    assertEquals(2 * (-2 / (1 + Math.exp(2))), s[2], 1e-6);
  }
}
