package dev.tritium.models.nn;

/**
 * A projection in a low-bit weight format whose numerics take the fp32 activations themselves (the formats with fp16
 * activations round them inside {@link #apply}), as the decoder layer calls it instead of a ternary BitLinear.
 * {@code models.format.QuantizedMatrix} is one; this interface keeps the layer free of the format package.
 */
public interface FormatProjection {

  /** Output features N. */
  int rows();

  /** Input features K. */
  int cols();

  /** y [tokens][N] for x [tokens][K], in the format's exact op order. */
  float[] apply(float[] x, int tokens);
}
