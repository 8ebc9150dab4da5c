package dev.tritium.mapper.crosscheck;

import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.quant.TernaryWeights;
import dev.tritium.models.synth.SyntheticWeights;
import java.util.SplittableRandom;

/**
 * The inputs both sides of a cross-check share: seeded ternary weights W [N][K] with s_w, and seeded
 * fp32 activations x [M][K].
 */
public record BitLinearCase(String label, TernaryWeights weights, float[] input, int tokens) {

  public BitLinearCase {
    if ((long) tokens * weights.cols() != input.length) {
      throw new IllegalArgumentException("input holds " + input.length + " values, expected " + tokens + " x "
          + weights.cols());
    }
  }

  /**
   * Synthetic weights ({@link SyntheticWeights#ternary}, default zero fraction) and inputs drawn
   * N(0, 1) from {@code SplittableRandom(seed)} split per tensor, with one outlier per token (x 8) as
   * real activations have, so absmax quantization is exercised.
   */
  public static BitLinearCase seeded(String label, int tokens, int k, int n, long seed, long tensorId) {
    TernaryWeights w;
    try (ParallelLoop loop = ParallelLoop.serial()) {
      w = SyntheticWeights.ternary(n, k, SyntheticWeights.DEFAULT_ZERO_FRACTION, seed, tensorId, loop).unpack();
    }
    SplittableRandom rnd = new SplittableRandom(seed * 31 + tensorId);
    float[] x = new float[tokens * k];
    for (int t = 0; t < tokens; t++) {
      for (int i = 0; i < k; i++) {
        x[t * k + i] = (float) rnd.nextGaussian();
      }
      x[t * k + rnd.nextInt(k)] *= 8f;
    }
    return new BitLinearCase(label, w, x, tokens);
  }
}
