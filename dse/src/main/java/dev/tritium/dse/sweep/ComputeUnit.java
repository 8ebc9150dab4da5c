package dev.tritium.dse.sweep;

import java.util.Locale;

/** Which compute unit runs the BitLinear layers of a design point. */
public enum ComputeUnit {
  /** The ternary MAC array. */
  MAC,
  /** The LUT tensor core. */
  LUT;

  /** Name in sweep files and CSVs ({@code mac}, {@code lut}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ComputeUnit parse(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
