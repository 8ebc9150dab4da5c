package dev.tritium.models.format;

/**
 * A named format with its parameters, its quantizer from latent fp32 weights, and its paper.
 * {@link FormatPresets#parse} builds one from {@code NAME[:k=v,...]}.
 */
public sealed interface FormatPreset permits BitNetB158, BitNetW1, OneBit, PbLlm, BiLlm, TernaryLlm, Fp16Dense, W8A8, AbqLlm, Atom, Quip,
    SpinQuant {

  /** The canonical spec, every parameter written out: parsing it gives an equal preset. */
  String name();

  /** The source paper. */
  String paper();

  /** The format as data (bits per weight derive from it). */
  WeightFormat format();

  /**
   * The KV-cache format the paper pairs with this weight format, if it states one (Atom and SpinQuant: int4).
   * Any {@link KvCacheFormat} composes with any weight format; this is only the default.
   */
  default java.util.Optional<KvCacheFormat> kvCache() {
    return java.util.Optional.empty();
  }

  /** Quantize latent fp32 weights W [rows = N][cols = K], row-major. */
  QuantizedMatrix quantize(float[] w, int rows, int cols);
}
