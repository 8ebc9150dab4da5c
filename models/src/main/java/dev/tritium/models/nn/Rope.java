package dev.tritium.models.nn;

/**
 * Rotary position embedding, Hugging Face "rotate_half" convention (LLaMA, BitNet 2B-4T): dimension i
 * pairs with i + d/2.
 *
 * <p>Frequencies as HF computes them, in fp32: {@code e_i = (float) (2i) / (float) d},
 * {@code invFreq_i = 1f / (float) pow(theta, e_i)} (pow evaluated in double, rounded once to fp32),
 * angle {@code = (float) pos * invFreq_i} (fp32), {@code cos_i = (float) cos(angle)},
 * {@code sin_i = (float) sin(angle)}. Rotation per head, fp32, products rounded before the sum:
 * {@code out_i = a*cos_i - b*sin_i}, {@code out_{i+d/2} = b*cos_i + a*sin_i} with a = x_i, b = x_{i+d/2}.
 */
public final class Rope {

  private final int headDim;
  private final float[] invFreq;

  public Rope(int headDim, double theta) {
    if (headDim <= 0 || headDim % 2 != 0) {
      throw new IllegalArgumentException("RoPE needs a positive even head_dim, got " + headDim);
    }
    this.headDim = headDim;
    this.invFreq = new float[headDim / 2];
    float base = (float) theta;
    for (int i = 0; i < headDim / 2; i++) {
      float e = (float) (2 * i) / (float) headDim;
      invFreq[i] = 1f / (float) Math.pow(base, e);
    }
  }

  /** The fp32 inverse frequencies (a copy). */
  public float[] inverseFrequencies() {
    return invFreq.clone();
  }

  /** cos (index i) and sin (index d/2 + i) of position pos. */
  public float[] table(int pos) {
    int half = headDim / 2;
    float[] cs = new float[headDim];
    for (int i = 0; i < half; i++) {
      float angle = (float) pos * invFreq[i];
      cs[i] = (float) Math.cos(angle);
      cs[half + i] = (float) Math.sin(angle);
    }
    return cs;
  }

  /** Rotates {@code heads} consecutive heads of x starting at offset, in place, with a table from {@link #table}. */
  public void rotate(float[] x, int offset, int heads, float[] table) {
    int half = headDim / 2;
    for (int h = 0; h < heads; h++) {
      int base = offset + h * headDim;
      for (int i = 0; i < half; i++) {
        float a = x[base + i];
        float b = x[base + half + i];
        float c = table[i];
        float s = table[half + i];
        x[base + i] = a * c - b * s;
        x[base + half + i] = b * c + a * s;
      }
    }
  }
}
