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
  BIT_SERIAL,
  /**
   * Binary weights {-1,+1}: 2^g signed sums, entry e = sum_u (bit u of e ? +x_u : -x_u), indexed by the group's g
   * SIGN_BITS bits (g = 2 or 4, so a group never straddles a byte).
   */
  BINARY,
  /**
   * Binary weights, half table: the 2^(g-1) BINARY entries whose top bit g-1 is set; a group whose top bit is 0
   * reads its complement's entry negated (flipping every sign negates the sum).
   */
  BINARY_MIRROR;

  /** True for the variants whose tables hold binary {-1,+1} weight patterns (read from SIGN_BITS). */
  public boolean isBinary() {
    return this == BINARY || this == BINARY_MIRROR;
  }

  /**
   * True when the binary variants can use group size g: g must divide 8 so a group's index is g bits of one SIGN_BITS
   * byte, and be at least 2 (g = 1 tabulates nothing). The ternary variants accept any g the field holds.
   */
  public boolean supportsGroupSize(int groupSize) {
    return !isBinary() || groupSize == 2 || groupSize == 4;
  }

  /** Binary code (equal to the ordinal; append-only, pinned by a test). */
  public int code() {
    return ordinal();
  }

  /**
   * Name in arch YAML and sweep files ({@code ternary_base3}, {@code ternary_mirror}, {@code bit_serial},
   * {@code binary}, {@code binary_mirror}).
   */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The variant of a {@link #key()} (any case); IllegalArgumentException for an unknown key. */
  public static LutVariant parse(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }

  /**
   * Entries of one table for group size g: 3^g, (3^g + 1) / 2, 2^g, 2^g or 2^(g-1) (g=3: 27, 14, 8; g=4: 81, 41, 16,
   * 16, 8).
   */
  public int entriesPerTable(int groupSize) {
    int pow3 = 1;
    for (int i = 0; i < groupSize; i++) {
      pow3 *= 3;
    }
    return switch (this) {
      case TERNARY_BASE3 -> pow3;
      case TERNARY_MIRROR -> (pow3 + 1) / 2;
      case BIT_SERIAL, BINARY -> 1 << groupSize;
      case BINARY_MIRROR -> 1 << (groupSize - 1);
    };
  }

  /** Bytes of one table (int16 entries). */
  public int tableBytes(int groupSize) {
    return 2 * entriesPerTable(groupSize);
  }
}
