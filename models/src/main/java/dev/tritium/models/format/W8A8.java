package dev.tritium.models.format;

import dev.tritium.models.format.Coverage.All;
import dev.tritium.models.format.ScaleGranularity.PerRow;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.Quantizers;
import java.util.List;
import java.util.Optional;

/**
 * {@code w8a8}: the int8 baseline, per-output-channel symmetric int8 weights and int8 absmax activations per
 * token (the granularity of SmoothQuant's fastest setting, without its smoothing, which needs activation
 * statistics).
 *
 * <p>Quantizer: per row {@link IntGrid} symmetric 8-bit, {@code s_r = fp16(max|W_r| / 127)},
 * {@code q = clamp(rint(W / s_r), -128, 127)}. Apply: {@code Quantizers.quantizeActivations} (s_x fp32, as
 * BitNet), {@code acc = sum_k q[r][k] xq[k]} exact in int32, {@code y = ((float) acc * s_r) / s_x}.
 * Bits per weight: {@code 8 + 16 / K}.
 */
public record W8A8() implements FormatPreset {

  @Override
  public String name() {
    return "w8a8";
  }

  @Override
  public String paper() {
    return "int8 baseline; granularity of Xiao et al. 2023, SmoothQuant (arXiv 2211.10438), without smoothing";
  }

  @Override
  public WeightFormat format() {
    return new WeightFormat(
        List.of(new Plane(PlaneKind.INT8, new All(), List.of(new Scale(new PerRow(), ScaleType.FP16)))),
        List.of(), Optional.empty(), Optional.empty(), List.of(), ActivationFormat.INT8_ABSMAX_PER_TOKEN);
  }

  @Override
  public Weights quantize(float[] w, int rows, int cols) {
    FormatMath.checkWeights(w, rows, cols);
    IntGrid.Codes c = IntGrid.quantize(w, rows, cols, 0, 8, true);
    float[] scales = new float[rows];
    for (int r = 0; r < rows; r++) {
      scales[r] = c.groups()[r].step();
    }
    return new Weights(rows, cols, c.codes(), scales);
  }

  /** Signed int8 codes [N][K] and the fp16 step per row. */
  public record Weights(int rows, int cols, int[] q, float[] scales) implements QuantizedMatrix {

    @Override
    public float[] apply(float[] x, int tokens) {
      FormatMath.checkActivations(x, tokens, cols);
      QuantizedActivations xa = Quantizers.quantizeActivations(x, tokens, cols);
      float[] y = new float[tokens * rows];
      for (int t = 0; t < tokens; t++) {
        for (int r = 0; r < rows; r++) {
          int acc = 0;
          for (int k = 0; k < cols; k++) {
            acc += q[r * cols + k] * xa.get(t, k);
          }
          y[t * rows + r] = ((float) acc * scales[r]) / xa.scales()[t];
        }
      }
      return y;
    }

    @Override
    public float[] dequantize() {
      float[] out = new float[q.length];
      for (int i = 0; i < q.length; i++) {
        out[i] = (float) q[i] * scales[i / cols];
      }
      return out;
    }
  }
}
