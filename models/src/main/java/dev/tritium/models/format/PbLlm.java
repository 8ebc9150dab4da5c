package dev.tritium.models.format;

import dev.tritium.models.format.Coverage.AllButOutliers;
import dev.tritium.models.format.Outliers.IndexEncoding;
import dev.tritium.models.format.ScaleGranularity.PerTensor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code pb-llm:salient=F,index=bitmap|csr}: PB-LLM (Shang et al. 2023), partially binarised weights, fp16
 * activations.
 *
 * <p>Quantizer: the m = round(F N K) weights with the largest |W| are salient (ties: lower row-major index
 * first). They are int8 with one fp32 scale per tensor, absmax over the salient set:
 * {@code delta = max|W_sal| / 127f}, {@code q = clamp(rint(W / delta), -127, 127)} (q = 0 if delta = 0). The
 * rest are binarised, {@code B = Sign(W)} (Sign(0) = -1), with {@code alpha = mean|W_rest|} (fp64 sum, one
 * rounding to fp32), stored fp32.
 *
 * <p>Apply, per token and row: {@code x16 = fp16(x)}; with k ascending, {@code so = so + q * x16[k]} at salient
 * positions (the product is exact in fp32) and {@code sb = sb +/- x16[k]} elsewhere, both from 0f; then
 * {@code y = (sb * alpha) + (so * delta)}.
 *
 * <p>Bits: {@code (N K - m) + 8 m + index + 64}, index = N K (bitmap) or
 * {@code (N + 1) bitsFor(m) + m bitsFor(K - 1)} (CSR).
 */
public record PbLlm(double salient, IndexEncoding index) implements FormatPreset {

  public PbLlm {
    Outliers.checkFraction(salient);
    Objects.requireNonNull(index, "index");
  }

  @Override
  public String name() {
    return "pb-llm:salient=" + salient + ",index=" + index.label();
  }

  @Override
  public String paper() {
    return "Shang et al. 2023, PB-LLM: Partially Binarized Large Language Models (arXiv 2310.00034)";
  }

  @Override
  public WeightFormat format() {
    Scale perTensor = new Scale(new PerTensor(), ScaleType.FP32);
    return new WeightFormat(
        List.of(new Plane(PlaneKind.BINARY_PM1, new AllButOutliers(salient), List.of(perTensor))),
        List.of(), Optional.empty(),
        Optional.of(new Outliers(salient, Outliers.ValueType.INT8, index, perTensor)),
        List.of(), ActivationFormat.FP16);
  }

  @Override
  public Weights quantize(float[] w, int rows, int cols) {
    FormatMath.checkWeights(w, rows, cols);
    int m = (int) Outliers.count(salient, rows, cols);
    float[] abs = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      abs[i] = Math.abs(w[i]);
    }
    boolean[] isSalient = new boolean[w.length];
    int[] top = FormatMath.topIndices(abs, 0, w.length, m);
    for (int i : top) {
      isSalient[i] = true;
    }
    float delta = m == 0 ? 0f : abs[top[0]] / 127f;
    byte[] q = new byte[w.length];
    byte[] signs = new byte[w.length];
    double restAbs = 0;
    for (int i = 0; i < w.length; i++) {
      if (isSalient[i]) {
        q[i] = delta == 0f ? 0 : (byte) Math.max(-127f, Math.min(127f, (float) Math.rint(w[i] / delta)));
      } else {
        signs[i] = FormatMath.sign(w[i]);
        restAbs += abs[i];
      }
    }
    float alpha = FormatMath.mean(restAbs, (long) w.length - m);
    return new Weights(rows, cols, isSalient, signs, q, alpha, delta, index);
  }

  /**
   * Salient mask, signs (0 at salient positions), int8 values (0 elsewhere), the binary scale alpha,
   * the int8 step delta, and how the salient positions are indexed when stored (the numerics do not depend on it).
   */
  public record Weights(int rows, int cols, boolean[] salient, byte[] signs, byte[] q, float alpha, float delta,
      IndexEncoding index) implements QuantizedMatrix {

    @Override
    public float[] apply(float[] x, int tokens) {
      float[] x16 = FormatMath.toFp16(x, tokens, cols);
      float[] y = new float[tokens * rows];
      for (int t = 0; t < tokens; t++) {
        int xo = t * cols;
        for (int r = 0; r < rows; r++) {
          int o = r * cols;
          float sb = 0f;
          float so = 0f;
          for (int k = 0; k < cols; k++) {
            float v = x16[xo + k];
            if (salient[o + k]) {
              so = so + q[o + k] * v;
            } else {
              sb = signs[o + k] > 0 ? sb + v : sb - v;
            }
          }
          y[t * rows + r] = (sb * alpha) + (so * delta);
        }
      }
      return y;
    }

    /** {@code q * delta} at salient positions, {@code B * alpha} elsewhere. */
    @Override
    public float[] dequantize() {
      float[] out = new float[signs.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = salient[i] ? q[i] * delta : signs[i] * alpha;
      }
      return out;
    }

    /** Number of salient (int8) weights. */
    public int salientCount() {
      int c = 0;
      for (boolean s : salient) {
        c += s ? 1 : 0;
      }
      return c;
    }
  }
}
