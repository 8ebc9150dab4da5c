package dev.tritium.isa;

/**
 * The values a layer's weights take: ternary {-1, 0, +1} (BitNet b1.58) or binary {-1, +1} (bitnet-w1). A
 * binary matrix may use every packing; a ternary one only those that can hold a 0 (not
 * {@link Packing#SIGN_BITS}).
 */
public enum WeightAlphabet {
  TERNARY,
  BINARY;

  /** The alphabet of weight values in {-1, 0, +1}: binary when none is 0, else ternary. */
  public static WeightAlphabet of(byte[] values) {
    for (byte v : values) {
      if (v == 0) {
        return TERNARY;
      }
    }
    return BINARY;
  }

  /** Whether a matrix of this alphabet can be stored in packing {@code p}. */
  public boolean fits(Packing p) {
    return this == BINARY || !p.binaryOnly();
  }
}
