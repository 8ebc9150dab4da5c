package dev.tritium.models.packing;

import dev.tritium.models.quant.TernaryWeights;

/**
 * A byte layout for a ternary (or, for a {@link #binaryOnly} layout, binary) weight matrix W [rows][cols] (rows = output features N, cols = input
 * features K). The scale s_w is not part of the layout: it travels next to it.
 *
 * <p>Every layout packs each row independently and pads each row to a whole byte; padding positions
 * hold weight 0, and decoders reject padding that is not weight 0 (a cheap corruption check). The
 * exact byte layouts are tabulated in models/README.md.
 */
public sealed interface WeightPacking permits TernaryGroupPacking, MirrorSignPacking, BitPlanePacking,
    SignBitsPacking {

  /** Stable name used on the command line and in reports, e.g. {@code lut-g3}. */
  String name();

  /** Nominal storage bits per weight, excluding row padding (e.g. 1.6 for base-3). */
  double bitsPerWeight();

  /** True for a layout that holds only {-1, +1} (encode refuses a 0 weight). */
  default boolean binaryOnly() {
    return false;
  }

  /** Exact encoded size in bytes of a rows x cols matrix, row padding included. */
  long packedBytes(int rows, int cols);

  /** Encodes ternary values (row-major, each -1, 0 or +1). */
  byte[] encode(byte[] values, int rows, int cols);

  /** Decodes to ternary values (row-major); rejects wrong lengths, invalid codes and non-zero padding. */
  byte[] decode(byte[] packed, int rows, int cols);

  /** Encodes a weight tensor's values (its scale is not stored). */
  default byte[] encode(TernaryWeights weights) {
    return encode(weights.values(), weights.rows(), weights.cols());
  }

  /** Decodes and attaches the given scale s_w. */
  default TernaryWeights decode(byte[] packed, int rows, int cols, float scale) {
    return new TernaryWeights(decode(packed, rows, cols), rows, cols, scale);
  }
}
