package dev.tritium.simulator.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a parameter's value comes from (the arch's {@code sources} say exactly where). */
public enum Provenance {
  /** Stated by a published design's paper or released code (the source names the section, table or file). */
  @JsonProperty("published") PUBLISHED,
  /** Measured on hardware or taken from a datasheet. */
  @JsonProperty("measured") MEASURED,
  /** An engineering assumption (plausible, not measured). */
  @JsonProperty("assumed") ASSUMED,
  /** A design choice the user sweeps or sets. */
  @JsonProperty("user_knob") USER_KNOB
}
