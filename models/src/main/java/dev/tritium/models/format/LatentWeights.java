package dev.tritium.models.format;

import java.util.SplittableRandom;

/**
 * Seeded Gaussian latent fp32 weights for tests and examples. Box-Muller on a {@link SplittableRandom}
 * with {@link StrictMath}, so the values are the same on every JDK ({@code nextGaussian}'s algorithm
 * is not specified). The ternary {@code synth.SyntheticWeights} have no latent values to quantize, and
 * its Irwin-Hall normals stop at 3.46 sigma, which would hide the tails outlier formats exist for.
 */
public final class LatentWeights {

  private LatentWeights() {}

  /** rows x cols values ~ N(0, sigma^2), row-major. */
  public static float[] gaussian(int rows, int cols, float sigma, long seed) {
    float[] w = new float[Math.multiplyExact(rows, cols)];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < w.length; i += 2) {
      // u1 in (0, 1] so the log is finite; u2 in [0, 1).
      double u1 = ((rnd.nextLong() >>> 11) + 1) * 0x1p-53;
      double u2 = (rnd.nextLong() >>> 11) * 0x1p-53;
      double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
      double a = 2.0 * Math.PI * u2;
      w[i] = (float) (sigma * r * StrictMath.cos(a));
      if (i + 1 < w.length) {
        w[i + 1] = (float) (sigma * r * StrictMath.sin(a));
      }
    }
    return w;
  }
}
