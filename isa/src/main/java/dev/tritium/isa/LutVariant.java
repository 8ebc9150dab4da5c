package dev.tritium.isa;

import java.util.Locale;

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

  /** Name in arch YAML and sweep files ({@code ternary_base3}, {@code ternary_mirror}, {@code bit_serial}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The variant of a {@link #key()} (any case); IllegalArgumentException for an unknown key. */
  public static LutVariant parse(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }

  /** Entries of one table for group size g: 3^g, (3^g + 1) / 2 or 2^g (g=3: 27, 14, 8; g=4: 81, 41, 16). */
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
