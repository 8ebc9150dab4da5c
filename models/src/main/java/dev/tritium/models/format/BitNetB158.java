package dev.tritium.models.format;

import dev.tritium.models.format.Coverage.All;
import dev.tritium.models.format.ScaleGranularity.PerTensor;
import dev.tritium.models.nn.BitLinear;
import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.quant.TernaryWeights;
import java.util.List;
import java.util.Optional;

/**
 * {@code bitnet-b1.58}: today's BitNet b1.58 numerics, delegated to {@link Quantizers} and {@link BitLinear}
 * so results are bit-identical to the existing path: absmean ternary with an fp32 per-tensor scale
 * {@code s_w}, int8 absmax activations per token, {@code y = acc / (s_w * s_x)}.
 * Bits per weight: {@code log2(3) + 32 / (N K)}.
 */
public record BitNetB158() implements FormatPreset {

  @Override
  public String name() {
    return "bitnet-b1.58";
  }

  @Override
  public String paper() {
    return "Ma et al. 2024, The Era of 1-bit LLMs (arXiv 2402.17764)";
  }

  @Override
  public WeightFormat format() {
    return new WeightFormat(
        List.of(new Plane(PlaneKind.TERNARY, new All(), List.of(new Scale(new PerTensor(), ScaleType.FP32)))),
        List.of(), Optional.empty(), Optional.empty(), List.of(), ActivationFormat.INT8_ABSMAX_PER_TOKEN);
  }

  @Override
  public Weights quantize(float[] w, int rows, int cols) {
    FormatMath.checkWeights(w, rows, cols);
    return new Weights(Quantizers.quantizeWeights(w, rows, cols));
  }

  /** The existing {@link TernaryWeights}; apply is {@link BitLinear#forward}. */
  public record Weights(TernaryWeights ternary) implements QuantizedMatrix {

    @Override
    public int rows() {
      return ternary.rows();
    }

    @Override
    public int cols() {
      return ternary.cols();
    }

    @Override
    public java.util.Optional<TernaryWeights> bitLinear() {
      return java.util.Optional.of(ternary);
    }

    @Override
    public float[] apply(float[] x, int tokens) {
      return BitLinear.forward(ternary, x, tokens);
    }

    /** {@code Wq / s_w} in fp32. */
    @Override
    public float[] dequantize() {
      byte[] v = ternary.values();
      float[] out = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = v[i] / ternary.scale();
      }
      return out;
    }
  }
}
