package dev.tritium.simulator.unit.mac;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which operand stays in the processing elements while the others stream past. */
public enum Dataflow {
  /** Weight stationary: a rows x cols weight tile is loaded, activations stream through. */
  @JsonProperty("ws") WS,
  /** Output stationary: each PE accumulates one output; weights and activations stream. */
  @JsonProperty("os") OS,
  /** Input stationary: an activation tile is loaded, weights stream through. */
  @JsonProperty("is") IS;

  /** The lower-case name used in config files ({@code ws}, {@code os}, {@code is}). */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Parses {@code ws}, {@code os} or {@code is} (case-insensitive, surrounding spaces ignored).
   *
   * @throws IllegalArgumentException naming {@code where} and the accepted values
   */
  public static Dataflow parse(String text, String where) {
    String t = text == null ? "" : text.trim();
    for (Dataflow d : values()) {
      if (d.key().equalsIgnoreCase(t)) {
        return d;
      }
    }
    throw new IllegalArgumentException(where + ": unknown dataflow '" + text + "' (expected one of: ws, os, is)");
  }
}
