package dev.tritium.mapper.crosscheck;

import dev.tritium.isa.WeightAlphabet;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.LatentWeights;
import dev.tritium.models.format.QuantizedMatrix;
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
    return new BitLinearCase(label, w, seededInput(tokens, k, seed, tensorId), tokens);
  }

  /**
   * A weight format's matrix quantized from latent N(0, 0.02) weights seeded as the cases' ({@code seed * 1000003 +
   * tensorId}): the weights every format cross-check and export uses.
   */
  public static QuantizedMatrix formatWeights(FormatPreset format, int n, int k, long seed, long tensorId) {
    float[] latent = LatentWeights.gaussian(n, k, 0.02f, seed * 1_000_003L + tensorId);
    return format.quantize(latent, n, k);
  }

  /** N(0, 1) inputs [tokens][k] with one outlier per token (x 8), from {@code SplittableRandom(seed * 31 + tensorId)}. */
  public static float[] seededInput(int tokens, int k, long seed, long tensorId) {
    SplittableRandom rnd = new SplittableRandom(seed * 31 + tensorId);
    float[] x = new float[tokens * k];
    for (int t = 0; t < tokens; t++) {
      for (int i = 0; i < k; i++) {
        x[t * k + i] = (float) rnd.nextGaussian();
      }
      x[t * k + rnd.nextInt(k)] *= 8f;
    }
    return x;
  }

  /**
   * Weights in a low-bit format the accelerator runs (see {@code AcceleratorFormats}): latent N(0, 0.02) weights
   * seeded like the tensor, quantized by the format's own quantizer; the inputs as {@link #seeded}.
   *
   * @throws IllegalArgumentException if the format is not exactly a BitLinear
   */
  public static BitLinearCase ofFormat(String label, int tokens, int k, int n, long seed, long tensorId,
      FormatPreset format) {
    return new BitLinearCase(label, formatWeights(n, k, seed, tensorId, format), seededInput(tokens, k, seed, tensorId),
        tokens);
  }

  /**
   * One weight tensor [n][k] in a format the accelerator runs: latent N(0, 0.02) weights from seed
   * {@code seed * 1000003 + tensorId}, quantized by the format's own quantizer (bitnet-w1: Sign(W - mean W),
   * scale 1 / mean|W|). The single-projection, decoder and HLS-export cases all draw their weights here.
   *
   * @throws IllegalArgumentException if the format is not exactly a BitLinear
   */
  public static TernaryWeights formatWeights(int n, int k, long seed, long tensorId, FormatPreset format) {
    float[] latent = LatentWeights.gaussian(n, k, 0.02f, seed * 1_000_003L + tensorId);
    return format.quantize(latent, n, k).bitLinear().orElseThrow(() -> new IllegalArgumentException(
        "weight format '" + format.name() + "' is not a BitLinear (one ternary or binary plane, one scale)"));
  }

  /** Binary when no weight is 0 (a bitnet-w1 case), else ternary. */
  public WeightAlphabet alphabet() {
    return WeightAlphabet.of(weights.values());
  }
}
