package dev.tritium.models.nn;

import dev.tritium.models.kernel.MaskPackedWeights;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.kernel.TernaryGemv;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.kernel.ActivationPlanes;

/**
 * BitLinear over kernel-packed weights: the activations are quantized once ({@link Quantizers}) and
 * may feed several projections (q/k/v, gate/up); accumulators come from {@link TernaryGemv} (equal to
 * {@link BitLinear#accumulate}) and are dequantized by {@link BitLinear#dequantize}.
 */
public final class TernaryProjection {

  /** Quantized activations with their bit planes, ready for any number of projections. */
  public static final class Input {
    private final QuantizedActivations quantized;
    private final int[][] planes;

    private Input(QuantizedActivations quantized) {
      this.quantized = quantized;
      this.planes = new int[quantized.tokens()][];
      for (int t = 0; t < quantized.tokens(); t++) {
        planes[t] = ActivationPlanes.of(quantized.values(), t * quantized.features(), quantized.features());
      }
    }

    public QuantizedActivations quantized() {
      return quantized;
    }
  }

  private TernaryProjection() {}

  /** Quantizes x [tokens][features] per token. */
  public static Input quantize(float[] x, int tokens, int features) {
    return new Input(Quantizers.quantizeActivations(x, tokens, features));
  }

  /** y [tokens][rows] = dequantize(W . xq). */
  public static float[] apply(MaskPackedWeights w, Input in, ParallelLoop loop) {
    return applyWithAccumulators(w, in, loop).output();
  }

  /** The exact accumulators W . xq [tokens][rows] and their dequantization. */
  public static Output applyWithAccumulators(MaskPackedWeights w, Input in, ParallelLoop loop) {
    QuantizedActivations q = in.quantized;
    if (w.cols() != q.features()) {
      throw new IllegalArgumentException(
          "projection shape mismatch: weights have K = " + w.cols() + ", activations have K = " + q.features());
    }
    int[] acc = new int[q.tokens() * w.rows()];
    TernaryGemv.accumulate(w, in.planes, acc, loop);
    return new Output(acc, BitLinear.dequantize(acc, q.tokens(), w.rows(), w.scale(), q.scales()));
  }

  /** A projection's int32 accumulators and fp32 output, both [tokens][rows]. */
  public record Output(int[] accumulators, float[] output) {}
}
