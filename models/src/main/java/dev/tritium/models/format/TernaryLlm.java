package dev.tritium.models.format;

import dev.tritium.models.format.Coverage.All;
import dev.tritium.models.format.ScaleGranularity.PerGroup;
import java.util.List;
import java.util.Optional;

/**
 * {@code ternaryllm:group=G}: TernaryLLM (Chen et al. 2024), asymmetric ternary {@code W ~ alpha T + gamma}
 * per row and group of G columns along K (the last group may be shorter), fp16 scale and shift, fp16
 * activations.
 *
 * <p>Fit per group (the paper learns alpha and gamma; this is its closed-form initialisation):
 * {@code gamma = fp16(mean(W))}; {@code d = W - gamma} (fp32); {@code alpha = fp16(mean|d|)}; means are fp64
 * sums rounded once to fp32, then to fp16; {@code T = clamp(rint(d / alpha), -1, 1)} (fp32 division), T = 0
 * if alpha = 0.
 *
 * <p>Apply, per token: {@code x16 = fp16(x)}; per group {@code sx_g = sum x16[k]} (fp32 from 0f, k
 * ascending); per row {@code y = 0f} and per group in order {@code t = 0f; t = t +/- x16[k]} for T = +/-1
 * (k ascending, zeros skipped), {@code u_g = (alpha_g * t) + (gamma_g * sx_g)}; {@code y = u_0}, then
 * {@code y = y + u_g} for g = 1, 2, ... (starting from the first term rather than 0f + u_0, which differs only for
 * u_0 = -0, lets an accelerator write the first group's term without a zeroed accumulator).
 *
 * <p>Bits per weight: {@code log2(3) + 32 N ceil(K / G) / (N K)}, i.e. log2(3) + 32 / G when G divides K.
 */
public record TernaryLlm(int group) implements FormatPreset {

  public TernaryLlm {
    if (group <= 0) {
      throw new IllegalArgumentException("ternaryllm: group must be positive, got " + group);
    }
  }

  @Override
  public String name() {
    return "ternaryllm:group=" + group;
  }

  @Override
  public String paper() {
    return "Chen et al. 2024, TernaryLLM: Ternarized Large Language Model (arXiv 2406.07177)";
  }

  @Override
  public WeightFormat format() {
    Scale perGroup = new Scale(new PerGroup(group), ScaleType.FP16);
    return new WeightFormat(
        List.of(new Plane(PlaneKind.TERNARY, new All(), List.of(perGroup))),
        List.of(), Optional.of(perGroup), Optional.empty(), List.of(), ActivationFormat.FP16);
  }

  @Override
  public Weights quantize(float[] w, int rows, int cols) {
    FormatMath.checkWeights(w, rows, cols);
    int groups = (cols + group - 1) / group;
    byte[] t = new byte[w.length];
    float[] alpha = new float[rows * groups];
    float[] gamma = new float[rows * groups];
    for (int r = 0; r < rows; r++) {
      for (int g = 0; g < groups; g++) {
        int from = r * cols + g * group;
        int to = r * cols + Math.min(cols, (g + 1) * group);
        double sum = 0;
        for (int i = from; i < to; i++) {
          sum += w[i];
        }
        float gm = ScaleType.FP16.round(FormatMath.mean(sum, to - from));
        double sumAbs = 0;
        for (int i = from; i < to; i++) {
          sumAbs += Math.abs(w[i] - gm);
        }
        float al = ScaleType.FP16.round(FormatMath.mean(sumAbs, to - from));
        for (int i = from; i < to; i++) {
          t[i] = al == 0f ? 0 : (byte) Math.max(-1f, Math.min(1f, (float) Math.rint((w[i] - gm) / al)));
        }
        alpha[r * groups + g] = al;
        gamma[r * groups + g] = gm;
      }
    }
    return new Weights(rows, cols, group, t, alpha, gamma);
  }

  /** Ternary values [N][K] and the fp16 alpha, gamma per row and group, indexed {@code r * groups + g}. */
  public record Weights(int rows, int cols, int group, byte[] t, float[] alpha, float[] gamma)
      implements QuantizedMatrix {

    private int groups() {
      return (cols + group - 1) / group;
    }

    @Override
    public float[] apply(float[] x, int tokens) {
      float[] x16 = FormatMath.toFp16(x, tokens, cols);
      int groups = groups();
      float[] y = new float[tokens * rows];
      float[] sx = new float[groups];
      for (int tok = 0; tok < tokens; tok++) {
        int xo = tok * cols;
        for (int g = 0; g < groups; g++) {
          float s = 0f;
          for (int k = g * group; k < Math.min(cols, (g + 1) * group); k++) {
            s = s + x16[xo + k];
          }
          sx[g] = s;
        }
        for (int r = 0; r < rows; r++) {
          float acc = 0f;
          for (int g = 0; g < groups; g++) {
            float s = 0f;
            for (int k = g * group; k < Math.min(cols, (g + 1) * group); k++) {
              byte v = t[r * cols + k];
              if (v > 0) {
                s = s + x16[xo + k];
              } else if (v < 0) {
                s = s - x16[xo + k];
              }
            }
            int si = r * groups + g;
            float term = (alpha[si] * s) + (gamma[si] * sx[g]);
            acc = g == 0 ? term : acc + term;
          }
          y[tok * rows + r] = acc;
        }
      }
      return y;
    }

    /** {@code alpha T + gamma} in fp32 (product rounded, then the sum). */
    @Override
    public float[] dequantize() {
      int groups = groups();
      float[] out = new float[t.length];
      for (int r = 0; r < rows; r++) {
        for (int k = 0; k < cols; k++) {
          int si = r * groups + k / group;
          out[r * cols + k] = alpha[si] * t[r * cols + k] + gamma[si];
        }
      }
      return out;
    }
  }
}
