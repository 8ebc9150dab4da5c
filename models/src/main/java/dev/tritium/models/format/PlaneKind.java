package dev.tritium.models.format;

/**
 * The value set of one weight plane. A plane's storage cost is its entry count times
 * {@link #bitsPerEntry()}.
 */
public enum PlaneKind {
  /** {-1, +1}: one bit per entry. */
  BINARY_PM1,
  /** {0, 1}: one bit per entry. */
  BINARY_01,
  /**
   * {-1, 0, +1}: log2(3) = 1.58496 bits per entry, the information bound. This is the format's cost, not a
   * packing's: the concrete packings in {@code dev.tritium.models.packing} store 1.6 (base3) to 2 bits.
   */
  TERNARY,
  /**
   * b-bit integer codes (b = 2, 3, 4, 8): b bits per entry. Signed (symmetric grids, two's complement) or
   * unsigned with a zero-point (asymmetric grids), as the preset states; {@link BitPlanes} gives the bit-plane
   * view {@code W = sum_i c_i 2^i W_i} of either.
   */
  INT2,
  INT3,
  INT4,
  INT8,
  /** fp16 values (the dense baseline): 16 bits per entry. */
  FP16;

  /** The integer kind of b bits (2, 3, 4 or 8). */
  public static PlaneKind integer(int bits) {
    return switch (bits) {
      case 2 -> INT2;
      case 3 -> INT3;
      case 4 -> INT4;
      case 8 -> INT8;
      default -> throw new IllegalArgumentException("integer weight planes have 2, 3, 4 or 8 bits, got " + bits);
    };
  }

  /** Bits per stored entry: 1 for the binary kinds, log2(3) for ternary, b for b-bit integers, 16 for fp16. */
  public double bitsPerEntry() {
    return switch (this) {
      case BINARY_PM1, BINARY_01 -> 1.0;
      case TERNARY -> Math.log(3) / Math.log(2);
      case INT2 -> 2.0;
      case INT3 -> 3.0;
      case INT4 -> 4.0;
      case INT8 -> 8.0;
      case FP16 -> 16.0;
    };
  }

  /** The values a plane entry may take, for messages and documentation. */
  public String valueSet() {
    return switch (this) {
      case BINARY_PM1 -> "{-1,+1}";
      case BINARY_01 -> "{0,1}";
      case TERNARY -> "{-1,0,+1}";
      case INT2, INT3, INT4, INT8 -> (int) bitsPerEntry() + "-bit integer codes";
      case FP16 -> "fp16";
    };
  }
}
