package dev.tritium.models.format;

import dev.tritium.models.format.Coverage.All;
import dev.tritium.models.format.ScaleGranularity.PerTensor;
import dev.tritium.models.nn.BitLinear;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.quant.TernaryWeights;
import java.util.List;
import java.util.Optional;

/**
 * {@code bitnet-w1}: the original binary BitNet (Wang et al. 2023).
 *
 * <ul>
 *   <li>{@code alpha = mean(W)}, {@code beta = mean(|W|)}: fp64 sums over the tensor, each mean rounded once
 *       to fp32 (as {@code Quantizers.weightScale}); beta is stored in fp32, alpha is not stored.</li>
 *   <li>{@code B = Sign(W - alpha)}, the difference in fp32, Sign(v) = +1 if v > 0 else -1 (Sign(0) = -1).</li>
 *   <li>Activations: {@link Quantizers#quantizeActivations} (int8 absmax per token, scale s_x).</li>
 *   <li>{@code acc = B . xq} exact in int32, then BitLinear's dequantization: {@code s_w = 1 / beta} in fp32
 *       ({@link Quantizers#weightScale}, the same scale BitNet b1.58 uses) and {@code y = (float) acc / (s_w * s_x)},
 *       the product rounded first. The paper writes {@code y = acc * beta * gamma / Q_b}; this is the same real
 *       number in BitLinear's op order, so the binary matrix is exactly a BitLinear with weights in {-1, +1}
 *       ({@link #bitLinear}) and runs on the accelerator's BitLinear path bit for bit.</li>
 * </ul>
 * Bits per weight: {@code 1 + 32 / (N K)}.
 */
public record BitNetW1() implements FormatPreset {

  @Override
  public String name() {
    return "bitnet-w1";
  }

  @Override
  public String paper() {
    return "Wang et al. 2023, BitNet: Scaling 1-bit Transformers (arXiv 2310.11453)";
  }

  @Override
  public WeightFormat format() {
    return new WeightFormat(
        List.of(new Plane(PlaneKind.BINARY_PM1, new All(), List.of(new Scale(new PerTensor(), ScaleType.FP32)))),
        List.of(), Optional.empty(), Optional.empty(), List.of(), ActivationFormat.INT8_ABSMAX_PER_TOKEN);
  }

  @Override
  public Weights quantize(float[] w, int rows, int cols) {
    FormatMath.checkWeights(w, rows, cols);
    double sum = 0;
    double sumAbs = 0;
    for (float v : w) {
      sum += v;
      sumAbs += Math.abs(v);
    }
    float alpha = FormatMath.mean(sum, w.length);
    float beta = FormatMath.mean(sumAbs, w.length);
    byte[] b = new byte[w.length];
    for (int i = 0; i < w.length; i++) {
      b[i] = FormatMath.sign(w[i] - alpha);
    }
    return new Weights(new TernaryWeights(b, rows, cols, Quantizers.weightScale(w)), beta);
  }

  /** Signs in {-1, +1} with s_w = 1 / beta, and beta = mean|W| itself. */
  public record Weights(TernaryWeights signs, float beta) implements QuantizedMatrix {

    @Override
    public int rows() {
      return signs.rows();
    }

    @Override
    public int cols() {
      return signs.cols();
    }

    @Override
    public float[] apply(float[] x, int tokens) {
      return BitLinear.forward(signs, x, tokens);
    }

    @Override
    public java.util.Optional<TernaryWeights> bitLinear() {
      return java.util.Optional.of(signs);
    }

    /** {@code B * beta}. */
    @Override
    public float[] dequantize() {
      byte[] b = signs.values();
      float[] out = new float[b.length];
      for (int i = 0; i < b.length; i++) {
        out[i] = b[i] * beta;
      }
      return out;
    }
  }
}
