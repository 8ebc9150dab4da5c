package dev.tritium.isa;

import java.util.Locale;

/**
 * The ternary compute-unit kinds: the ternary MAC array and the LUT tensor core. The one vocabulary for the
 * choice everywhere: the unit a LOOP.GEMM macro drives, the unit the mapper lowers projections onto, and the
 * {@code unit} axis of a sweep.
 */
public enum ComputeUnit {
  /** The ternary MAC array. */
  MAC,
  /** The LUT tensor core. */
  LUT;

  /** Binary code (equal to the ordinal; append-only, pinned by a test). */
  public int code() {
    return ordinal();
  }

  /** Name in command lines, sweep files and CSVs ({@code mac}, {@code lut}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The unit of a {@link #key()} (any case); IllegalArgumentException for an unknown key. */
  public static ComputeUnit parse(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
