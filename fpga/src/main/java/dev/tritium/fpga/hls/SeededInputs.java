package dev.tritium.fpga.hls;

import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.models.format.BitNetB158;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.quant.TernaryWeights;
import dev.tritium.models.synth.SyntheticWeights;
import java.util.SplittableRandom;

/** Seeded inputs and weights of an exported test case (reproducible from the seed alone). */
final class SeededInputs {

  private SeededInputs() {}

  /**
   * Activations [tokens][k]. Token 0 is built to hit the quantizer's rounding ties: its absmax is
   * exactly 127 (so s_x = 1) and its other values are odd multiples of 0.5, which round half to even
   * (2.5 -> 2, 3.5 -> 4): a kernel using round-half-away (lroundf) fails on it. Other tokens are
   * uniform in +-amplitude with a per-token amplitude, so per-token scales differ.
   */
  static float[] activations(int tokens, int k, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] x = new float[tokens * k];
    for (int i = 0; i < k; i++) {
      x[i] = i == k / 2 ? 127f : (rnd.nextInt(-126, 126) + 0.5f);
    }
    for (int t = 1; t < tokens; t++) {
      double amplitude = 0.05 + 4 * rnd.nextDouble();
      for (int i = 0; i < k; i++) {
        x[t * k + i] = (float) ((2 * rnd.nextDouble() - 1) * amplitude);
      }
    }
    return x;
  }

  /** Residual-stream values [tokens][d] for the decoder block (no engineered ties: RMSNorm comes first). */
  static float[] hidden(int tokens, int d, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] h = new float[tokens * d];
    for (int i = 0; i < h.length; i++) {
      h[i] = (float) ((2 * rnd.nextDouble() - 1) * 2);
    }
    return h;
  }

  /** RMSNorm gains near 1. */
  static float[] gains(int d, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] g = new float[d];
    for (int i = 0; i < d; i++) {
      g[i] = (float) (1 + 0.2 * (rnd.nextDouble() - 0.5));
    }
    return g;
  }

  /**
   * A seeded weight tensor [n][k]: bitnet-b1.58 with the reference engine's synthetic ternary statistics; another
   * format the units run from its own quantizer, as the cross-check draws it ({@link BitLinearCase#formatWeights}).
   */
  static TernaryWeights weights(int n, int k, long seed, long tensorId, FormatPreset format) {
    if (!(format instanceof BitNetB158)) {
      return BitLinearCase.formatWeights(n, k, seed, tensorId, format);
    }
    try (ParallelLoop serial = ParallelLoop.serial()) {
      return SyntheticWeights.ternary(n, k, SyntheticWeights.DEFAULT_ZERO_FRACTION, seed, tensorId, serial).unpack();
    }
  }
}
