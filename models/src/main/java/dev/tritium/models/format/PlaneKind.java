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
  TERNARY;

  /** Bits per stored entry: 1 for the binary kinds, log2(3) for ternary. */
  public double bitsPerEntry() {
    return switch (this) {
      case BINARY_PM1, BINARY_01 -> 1.0;
      case TERNARY -> Math.log(3) / Math.log(2);
    };
  }

  /** The values a plane entry may take, for messages and documentation. */
  public String valueSet() {
    return switch (this) {
      case BINARY_PM1 -> "{-1,+1}";
      case BINARY_01 -> "{0,1}";
      case TERNARY -> "{-1,0,+1}";
    };
  }
}
