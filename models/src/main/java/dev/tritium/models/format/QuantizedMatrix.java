package dev.tritium.models.format;

/**
 * An N x K weight matrix quantized to one format, with the format's exact reference numerics. The
 * operation order of every {@link #apply} is stated in its class and in models/README.md, so another
 * implementation can match it bit for bit.
 */
public sealed interface QuantizedMatrix extends dev.tritium.models.nn.FormatProjection
    permits BitNetB158.Weights, BitNetW1.Weights, OneBit.Weights, PbLlm.Weights, BiLlm.Weights, TernaryLlm.Weights,
    Fp16Dense.Weights, W8A8.Weights, AbqLlm.Weights, Atom.Weights, Quip.Weights, SpinQuant.Weights {

  /** Output features N. */
  int rows();

  /** Input features K. */
  int cols();

  /** y [tokens][N] for x [tokens][K] (row-major), activations handled as the format states. */
  float[] apply(float[] x, int tokens);

  /**
   * The same matrix as a BitLinear (weights in {-1, 0, +1} or {-1, +1}, one per-tensor scale s_w, int8 absmax
   * activations, {@code y = acc / (s_w * s_x)}), when its numerics are exactly that: then the accelerator's
   * BitLinear path runs it bit for bit. Empty for formats that need other datapaths (fp16 activations, group
   * scales, outliers, masks, multi-bit planes).
   */
  default java.util.Optional<dev.tritium.models.quant.TernaryWeights> bitLinear() {
    return java.util.Optional.empty();
  }

  /**
   * The layer's output for the input as the model computes it before any rotation merged upstream: {@link #apply}
   * of {@code x} for every format except those whose apply expects an already rotated input (SpinQuant's
   * {@code proj=other}), which rotate it first. Tools that feed a user's activations call this.
   */
  default float[] applyToLayerInput(float[] x, int tokens) {
    return apply(x, tokens);
  }

  /** The fp32 weight matrix [N][K] the stored format represents (for error analysis; not used by apply). */
  float[] dequantize();
}
