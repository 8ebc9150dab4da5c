package dev.tritium.models.nn;

/**
 * RMSNorm in fp32 with one fixed op order (every op rounds to fp32; Java never fuses):
 * <ol>
 *   <li>{@code ss = 0f; for i = 0 .. d-1: ss = ss + x[i] * x[i]} (sequential, ascending i)</li>
 *   <li>{@code mean = ss / d}</li>
 *   <li>{@code inv = 1f / sqrt(mean + eps)} where sqrt is the correctly rounded fp32 square root
 *       ({@code (float) Math.sqrt} of a float is correctly rounded)</li>
 *   <li>{@code y[i] = (x[i] * inv) * gain[i]}</li>
 * </ol>
 */
public final class RmsNorm {

  private RmsNorm() {}

  /** Normalizes x[xOff, xOff + d) into y[yOff, yOff + d) (may alias x). */
  public static void apply(float[] x, int xOff, int d, float[] gain, float eps, float[] y, int yOff) {
    if (gain.length != d) {
      throw new IllegalArgumentException("RMSNorm gain has " + gain.length + " values, expected " + d);
    }
    float ss = 0f;
    for (int i = 0; i < d; i++) {
      float v = x[xOff + i];
      ss += v * v;
    }
    float mean = ss / d;
    float inv = 1f / (float) Math.sqrt(mean + eps);
    for (int i = 0; i < d; i++) {
      y[yOff + i] = (x[xOff + i] * inv) * gain[i];
    }
  }

  /** Normalizes each of {@code tokens} rows of width d in place. */
  public static void applyRows(float[] x, int tokens, int d, float[] gain, float eps) {
    for (int t = 0; t < tokens; t++) {
      apply(x, t * d, d, gain, eps, x, t * d);
    }
  }
}
