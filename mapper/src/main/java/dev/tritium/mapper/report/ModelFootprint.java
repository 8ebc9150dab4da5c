package dev.tritium.mapper.report;

import dev.tritium.mapper.schedule.ProjectionLowering;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.simulator.unit.mac.WeightDatatype;

/**
 * Bytes a model occupies: the seven projections of every layer in the datapath's weight format, and
 * the parameters every variant keeps in bf16 (embedding table, untied LM head, RMSNorm gains).
 * Derived copies the accelerator makes (the int8 LM-head copy, the fp32 embedding rows it gathers)
 * are not counted: they are the same for every weight datatype.
 *
 * @param projectionWeights number of ternary-projection weights (all layers)
 * @param projectionBytes their bytes in the stored format
 * @param projectionFormat e.g. {@code ternary base3 (1.6 bit/weight)} or {@code fp16}
 * @param otherBf16Bytes embeddings, LM head (if untied) and norm gains at 2 bytes each
 */
public record ModelFootprint(long projectionWeights, long projectionBytes, String projectionFormat,
    long otherBf16Bytes) {

  public long totalBytes() {
    return projectionBytes + otherBf16Bytes;
  }

  /** The footprint with ternary projections packed as the lowering stores them. */
  public static ModelFootprint ternary(ModelConfig c, ProjectionLowering p) {
    long weights = 0;
    long bytes = 0;
    for (LayerKind k : LayerKind.projections()) {
      int n = k.outFeatures(c);
      int kk = k.inFeatures(c);
      weights += (long) n * kk;
      bytes += p.weightBytes(n, kk);
    }
    return new ModelFootprint(weights * c.numLayers(), bytes * c.numLayers(), String.format(java.util.Locale.ROOT,
        "%s %s (%.3f bit/weight)", p.alphabet().name().toLowerCase(java.util.Locale.ROOT), p.packing().modelsName(),
        8.0 * bytes / weights), otherBf16Bytes(c));
  }

  /** The footprint with every projection weight stored as {@code dt} (rows byte-aligned). */
  public static ModelFootprint baseline(ModelConfig c, WeightDatatype dt) {
    long weights = 0;
    long bytes = 0;
    for (LayerKind k : LayerKind.projections()) {
      int n = k.outFeatures(c);
      int kk = k.inFeatures(c);
      weights += (long) n * kk;
      bytes += baselineBytes(n, kk, dt);
    }
    return new ModelFootprint(weights * c.numLayers(), bytes * c.numLayers(),
        dt.name().toLowerCase(java.util.Locale.ROOT) + " (" + dt.storageBits() + " bit/weight)", otherBf16Bytes(c));
  }

  /** Bytes of an n x k matrix of {@code dt} weights, rows byte-aligned. */
  public static long baselineBytes(int n, int k, WeightDatatype dt) {
    return (long) n * (((long) k * dt.storageBits() + 7) / 8);
  }

  private static long otherBf16Bytes(ModelConfig c) {
    long embed = (long) c.vocabSize() * c.hiddenSize() * (c.tiedEmbeddings() ? 1 : 2);
    long perLayerNorms = 2L * c.hiddenSize() + (c.subLayerNorms() ? c.qDim() + c.intermediateSize() : 0);
    return 2 * (embed + perLayerNorms * c.numLayers() + c.hiddenSize());
  }
}
