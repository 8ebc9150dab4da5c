package dev.tritium.simulator.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the LUT tensor core indexes its tables with a group of g weights. */
public enum LutVariant {
  /** One table entry per ternary pattern: 3^g entries (g=2: 9, g=3: 27, g=4: 81). */
  @JsonProperty("ternary_base3") TERNARY_BASE3,
  /** Half table plus a sign bit (bitnet.cpp TL2 style): (3^g + 1) / 2 entries (g=3: 14). */
  @JsonProperty("ternary_mirror") TERNARY_MIRROR,
  /** Bit-serial planes (T-MAC style): 2^g entries per plane, two planes for ternary. */
  @JsonProperty("bit_serial") BIT_SERIAL;

  /** Number of entries of one table for group size {@code g}. */
  public int tableEntries(int g) {
    int pow3 = 1;
    for (int i = 0; i < g; i++) {
      pow3 *= 3;
    }
    return switch (this) {
      case TERNARY_BASE3 -> pow3;
      case TERNARY_MIRROR -> (pow3 + 1) / 2;
      case BIT_SERIAL -> 1 << g;
    };
  }
}
