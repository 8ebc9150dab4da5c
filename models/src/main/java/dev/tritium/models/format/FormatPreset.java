package dev.tritium.models.format;

/**
 * A named format with its parameters, its quantizer from latent fp32 weights, and its paper.
 * {@link FormatPresets#parse} builds one from {@code NAME[:k=v,...]}.
 */
public sealed interface FormatPreset permits BitNetB158, BitNetW1, OneBit, PbLlm, BiLlm, TernaryLlm {

  /** The canonical spec, every parameter written out: parsing it gives an equal preset. */
  String name();

  /** The source paper. */
  String paper();

  /** The format as data (bits per weight derive from it). */
  WeightFormat format();

  /** Quantize latent fp32 weights W [rows = N][cols = K], row-major. */
  QuantizedMatrix quantize(float[] w, int rows, int cols);
}
