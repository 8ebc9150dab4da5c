package dev.tritium.simulator.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a timing parameter's value comes from. */
public enum Provenance {
  /** Measured on hardware or taken from a datasheet. */
  @JsonProperty("measured") MEASURED,
  /** An engineering assumption (plausible, not measured). */
  @JsonProperty("assumed") ASSUMED,
  /** A design choice the user sweeps or sets. */
  @JsonProperty("user_knob") USER_KNOB
}
