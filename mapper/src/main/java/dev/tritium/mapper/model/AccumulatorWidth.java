package dev.tritium.mapper.model;

import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.nn.BitLinear;
import dev.tritium.simulator.config.ArchConfig;

/**
 * A design's accumulators must hold every BitLinear of the model it runs: |acc| <= 127 K, so the projection
 * with the longest reduction K sets the width ({@link BitLinear#accumulatorBitsNeeded}). The functional model
 * computes in int32 either way; a narrower {@code mac_array.accumulator_bits} would price and size a datapath
 * that overflows, so the estimate refuses it by layer and K.
 */
public final class AccumulatorWidth {

  private AccumulatorWidth() {}

  /** Throws IllegalArgumentException naming the arch, the layer and K when the accumulators are too narrow. */
  public static void require(ModelConfig c, ArchConfig arch) {
    int bits = arch.macArray().accumulatorBits();
    for (LayerKind kind : LayerKind.projections()) {
      int k = reduction(c, kind);
      int needed = BitLinear.accumulatorBitsNeeded(k);
      if (needed > bits) {
        throw new IllegalArgumentException("arch '" + arch.name() + "': mac_array.accumulator_bits = " + bits
            + " is too narrow for " + kind.label() + " of " + c.name() + " (K = " + k + ": |acc| up to 127 x " + k
            + " = " + 127L * k + " needs " + needed + " bits)");
      }
    }
  }

  /** The reduction length K of a projection: its input width. */
  static int reduction(ModelConfig c, LayerKind kind) {
    return switch (kind) {
      case O_PROJ -> c.qDim();
      case DOWN_PROJ -> c.intermediateSize();
      default -> c.hiddenSize();
    };
  }
}
