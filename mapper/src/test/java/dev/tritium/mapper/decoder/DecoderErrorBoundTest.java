package dev.tritium.mapper.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.quant.TernaryWeights;
import org.junit.jupiter.api.Test;

class DecoderErrorBoundTest {

  @Test
  void spectralNormOfHandMatrices() {
    // [[1, 1], [1, 1]] has singular values 2 and 0; [[1, 0], [0, -1]] has 1 and 1 (1 % margin added)
    assertEquals(2 * 1.01, DecoderErrorBound.spectralNorm(new TernaryWeights(new byte[] {1, 1, 1, 1}, 2, 2, 1f)),
        1e-9);
    assertEquals(1.01, DecoderErrorBound.spectralNorm(new TernaryWeights(new byte[] {1, 0, 0, -1}, 2, 2, 1f)), 1e-9);
  }

  @Test
  void singleKeyAttentionBoundCoversExactlyTheValueQuantizationError() {
    // Prefill token 0 attends to itself only: p = 1 on both sides, the fp32 reference returns v and the
    // int8 path V's code times 1/s_v. Hand check: V's code error is at most a / 254 (a = absmax of the
    // head's v), and the probability-rounding term adds max u / 254 * |V_q| <= (a / 127) / 254 * 127 = a / 254,
    // so the bound lies between the true error and 2 a / 254.
    ModelConfig c = DecoderCrossCheck.reduced(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16);
    DecoderCase dc = DecoderCase.seeded(c, LayerShape.prefill(1), 4);
    DecoderReference.Trace ref = DecoderReference.run(dc, null);
    double[] bound = DecoderErrorBound.attention(c, 0, ref);
    int hd = c.headDim();
    for (int h = 0; h < c.numHeads(); h++) {
      int g = h / (c.numHeads() / c.numKvHeads());
      double a = 0;
      for (int i = 0; i < hd; i++) {
        a = Math.max(a, Math.abs(ref.values()[g * hd + i]));
      }
      for (int i = 0; i < hd; i++) {
        assertEquals(ref.values()[g * hd + i], ref.attn()[h * hd + i], 0); // fp32 attention over one key is v
        float s = 127f / (float) a;
        double int8 = Math.rint(ref.values()[g * hd + i] * s) / s;
        double trueError = Math.abs(int8 - ref.values()[g * hd + i]);
        double b = bound[h * hd + i];
        assertTrue(trueError <= b && b <= 2 * a / 254 * 1.001 + 1e-6, "head " + h + " element " + i + ": error "
            + trueError + ", bound " + b + ", 2a/254 " + 2 * a / 254);
      }
    }
  }
}
