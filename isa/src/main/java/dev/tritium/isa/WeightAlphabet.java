package dev.tritium.isa;

/**
 * The values a layer's weights take: ternary {-1, 0, +1} (BitNet b1.58) or binary {-1, +1} (bitnet-w1). A
 * binary matrix may use every packing; a ternary one only those that can hold a 0 (not
 * {@link Packing#SIGN_BITS}).
 */
public enum WeightAlphabet {
  TERNARY,
  BINARY;

  /** Whether a matrix of this alphabet can be stored in packing {@code p}. */
  public boolean fits(Packing p) {
    return this == BINARY || !p.binaryOnly();
  }
}
