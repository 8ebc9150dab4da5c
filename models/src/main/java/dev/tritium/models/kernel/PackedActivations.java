package dev.tritium.models.kernel;

import dev.tritium.models.quant.QuantizedActivations;

/**
 * Quantized activations prepared for the GEMV kernels, once per input however many projections read it (q/k/v,
 * gate/up): bit planes for {@link MaskPackedWeights}, lookup tables for {@link TritPackedWeights}, each built on first
 * use, so a run only pays for the layout its weights are in. Not thread-safe: one decoder step owns it.
 */
public final class PackedActivations {

  private final QuantizedActivations quantized;
  private int[][] planes;
  private short[][] tables;

  public PackedActivations(QuantizedActivations quantized) {
    this.quantized = quantized;
  }

  public QuantizedActivations quantized() {
    return quantized;
  }

  /** {@link ActivationPlanes} per token. */
  int[][] planes() {
    if (planes == null) {
      int[][] p = new int[quantized.tokens()][];
      for (int t = 0; t < p.length; t++) {
        p[t] = ActivationPlanes.of(quantized.values(), t * quantized.features(), quantized.features());
      }
      planes = p;
    }
    return planes;
  }

  /** {@link TritTables} per token, built by {@code kernel}. */
  short[][] tritTables(TritGemvKernel kernel) {
    if (tables == null) {
      short[][] t = new short[quantized.tokens()][];
      for (int i = 0; i < t.length; i++) {
        t[i] = kernel.tables(quantized.values(), i * quantized.features(), quantized.features());
      }
      tables = t;
    }
    return tables;
  }
}
