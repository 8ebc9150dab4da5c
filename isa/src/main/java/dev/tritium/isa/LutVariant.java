package dev.tritium.isa;

/**
 * How the LUT tensor core tabulates a group of g int8 activations. Every table entry is an int16
 * partial sum (|sum| &lt;= 128 g, which fits 16 bits for every g the field can hold).
 */
public enum LutVariant {
  /** All 3^g ternary combinations (bitnet.cpp TL-style full table). */
  TERNARY_BASE3,
  /** The mirrored half table: (3^g + 1) / 2 entries, the weight index carries a sign bit (TL2). */
  TERNARY_MIRROR,
  /** T-MAC bit-serial: 2^g subset sums, applied once per weight bit plane. */
  BIT_SERIAL;

  /** Binary code (equal to the ordinal; append-only, pinned by a test). */
  public int code() {
    return ordinal();
  }

  /** Entries of one table for group size g. */
  public int entriesPerTable(int groupSize) {
    int pow3 = 1;
    for (int i = 0; i < groupSize; i++) {
      pow3 *= 3;
    }
    return switch (this) {
      case TERNARY_BASE3 -> pow3;
      case TERNARY_MIRROR -> (pow3 + 1) / 2;
      case BIT_SERIAL -> 1 << groupSize;
    };
  }

  /** Bytes of one table (int16 entries). */
  public int tableBytes(int groupSize) {
    return 2 * entriesPerTable(groupSize);
  }
}
