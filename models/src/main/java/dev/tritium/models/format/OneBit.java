package dev.tritium.models.format;

import dev.tritium.models.format.Coverage.All;
import dev.tritium.models.format.ScaleGranularity.RowAndColumnVectors;
import java.util.List;
import java.util.Optional;

/**
 * {@code onebit}: OneBit (Xu et al. 2024), {@code W ~ Sign(W) o (a b^T)} with fp16 value vectors a (length N)
 * and b (length K), fp16 activations (W1A16).
 *
 * <p>Quantizer (SVID): {@code B = Sign(W)} (Sign(0) = -1); {@code |W| ~ sigma u v^T} by power iteration in fp64
 * with the fixed start {@code v = (1, ..., 1) / sqrt(K)} and exactly {@link #POWER_ITERATIONS} iterations of
 * {@code u = |W| v / ||u||; v = |W|^T u / ||v||} ({@code sigma = ||v||} before the last normalisation); sums run
 * row-major (r ascending, then k ascending). Since |W| >= 0 and the start is positive, u and v stay
 * non-negative: the Perron vectors. Split evenly, {@code a = sqrt(sigma) u}, {@code b = sqrt(sigma) v}, each
 * rounded fp64 -> fp32 -> fp16 (ties to even). An all-zero W gives a = b = 0.
 *
 * <p>Apply, per token: {@code x16 = fp16(x)}; {@code xb[k] = x16[k] * b[k]} in fp32 (exact: two 11-bit
 * significands); per row {@code s = 0f; s = s + xb[k]} for B = +1, {@code s = s - xb[k]} for B = -1, k
 * ascending; {@code y = s * a[r]}. Bits per weight: {@code 1 + 16 (N + K) / (N K)}.
 */
public record OneBit() implements FormatPreset {

  /** Power iterations of SVID; fixed, so the result does not depend on a convergence test. */
  public static final int POWER_ITERATIONS = 32;

  @Override
  public String name() {
    return "onebit";
  }

  @Override
  public String paper() {
    return "Xu et al. 2024, OneBit: Towards Extremely Low-bit Large Language Models (arXiv 2402.11295)";
  }

  @Override
  public WeightFormat format() {
    return new WeightFormat(
        List.of(new Plane(PlaneKind.BINARY_PM1, new All(), List.of())),
        List.of(new Scale(new RowAndColumnVectors(), ScaleType.FP16)),
        Optional.empty(), Optional.empty(), List.of(), ActivationFormat.FP16);
  }

  @Override
  public Weights quantize(float[] w, int rows, int cols) {
    FormatMath.checkWeights(w, rows, cols);
    byte[] signs = new byte[w.length];
    for (int i = 0; i < w.length; i++) {
      signs[i] = FormatMath.sign(w[i]);
    }
    double[] u = new double[rows];
    double[] v = new double[cols];
    java.util.Arrays.fill(v, 1.0 / Math.sqrt(cols));
    double sigma = 0;
    for (int it = 0; it < POWER_ITERATIONS; it++) {
      for (int r = 0; r < rows; r++) {
        double s = 0;
        for (int k = 0; k < cols; k++) {
          s += Math.abs(w[r * cols + k]) * v[k];
        }
        u[r] = s;
      }
      double nu = norm(u);
      if (nu == 0) {
        sigma = 0;
        break;
      }
      scale(u, 1.0 / nu);
      java.util.Arrays.fill(v, 0.0);
      for (int r = 0; r < rows; r++) {
        for (int k = 0; k < cols; k++) {
          v[k] += Math.abs(w[r * cols + k]) * u[r];
        }
      }
      sigma = norm(v);
      scale(v, 1.0 / sigma);
    }
    double root = Math.sqrt(sigma);
    return new Weights(signs, rows, cols, toFp16(u, root), toFp16(v, root));
  }

  private static double norm(double[] x) {
    double s = 0;
    for (double e : x) {
      s += e * e;
    }
    return Math.sqrt(s);
  }

  private static void scale(double[] x, double f) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= f;
    }
  }

  private static float[] toFp16(double[] x, double root) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = ScaleType.FP16.round((float) (root * x[i]));
    }
    return out;
  }

  /** Signs [N][K] in {-1, +1} and the fp16 vectors a [N], b [K] (stored as their fp32 values). */
  public record Weights(byte[] signs, int rows, int cols, float[] a, float[] b) implements QuantizedMatrix {

    public Weights {
      if (signs.length != (long) rows * cols || a.length != rows || b.length != cols) {
        throw new IllegalArgumentException("OneBit weights: " + signs.length + " signs, " + a.length + " a, "
            + b.length + " b for " + rows + "x" + cols);
      }
    }

    @Override
    public float[] apply(float[] x, int tokens) {
      float[] x16 = FormatMath.toFp16(x, tokens, cols);
      float[] y = new float[tokens * rows];
      float[] xb = new float[cols];
      for (int t = 0; t < tokens; t++) {
        for (int k = 0; k < cols; k++) {
          xb[k] = x16[t * cols + k] * b[k];
        }
        for (int r = 0; r < rows; r++) {
          float s = 0f;
          int o = r * cols;
          for (int k = 0; k < cols; k++) {
            s = signs[o + k] > 0 ? s + xb[k] : s - xb[k];
          }
          y[t * rows + r] = s * a[r];
        }
      }
      return y;
    }

    /** {@code B[r][k] * (a[r] * b[k])} in fp32. */
    @Override
    public float[] dequantize() {
      float[] out = new float[signs.length];
      for (int r = 0; r < rows; r++) {
        for (int k = 0; k < cols; k++) {
          out[r * cols + k] = signs[r * cols + k] * (a[r] * b[k]);
        }
      }
      return out;
    }
  }
}
