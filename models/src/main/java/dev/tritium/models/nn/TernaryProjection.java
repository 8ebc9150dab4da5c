package dev.tritium.models.nn;

import dev.tritium.models.kernel.PackedActivations;
import dev.tritium.models.kernel.PackedTernary;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.Quantizers;

/**
 * BitLinear over kernel-packed weights: the activations are quantized once ({@link Quantizers}) and
 * may feed several projections (q/k/v, gate/up); accumulators come from the weights' GEMV kernel
 * ({@link PackedTernary#accumulate}, equal to {@link BitLinear#accumulate}) and are dequantized by
 * {@link BitLinear#dequantize}.
 */
public final class TernaryProjection {

  /** Quantized activations, prepared for the kernels on first use, ready for any number of projections. */
  public static final class Input {
    private final PackedActivations packed;

    private Input(QuantizedActivations quantized) {
      this.packed = new PackedActivations(quantized);
    }

    public QuantizedActivations quantized() {
      return packed.quantized();
    }
  }

  private TernaryProjection() {}

  /** Quantizes x [tokens][features] per token. */
  public static Input quantize(float[] x, int tokens, int features) {
    return new Input(Quantizers.quantizeActivations(x, tokens, features));
  }

  /** y [tokens][rows] = dequantize(W . xq). */
  public static float[] apply(PackedTernary w, Input in, ParallelLoop loop) {
    return applyWithAccumulators(w, in, loop).output();
  }

  /** The exact accumulators W . xq [tokens][rows] and their dequantization. */
  public static Output applyWithAccumulators(PackedTernary w, Input in, ParallelLoop loop) {
    QuantizedActivations q = in.quantized();
    if (w.cols() != q.features()) {
      throw new IllegalArgumentException(
          "projection shape mismatch: weights have K = " + w.cols() + ", activations have K = " + q.features());
    }
    int[] acc = new int[q.tokens() * w.rows()];
    w.accumulate(in.packed, acc, loop);
    return new Output(acc, BitLinear.dequantize(acc, q.tokens(), w.rows(), w.scale(), q.scales()));
  }

  /** A projection's int32 accumulators and fp32 output, both [tokens][rows]. */
  public record Output(int[] accumulators, float[] output) {}
}
