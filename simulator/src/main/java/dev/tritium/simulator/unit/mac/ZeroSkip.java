package dev.tritium.simulator.unit.mac;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the MAC array does with zero weights. Skipping a zero always saves the add's energy when the
 * design gates it; it saves cycles only if the design compacts the work, which most systolic arrays do not.
 */
public enum ZeroSkip {
  /** Zeros are processed like any other weight. */
  @JsonProperty("none") NONE,
  /** Zero weights gate the adder (energy saved), timing unchanged. */
  @JsonProperty("energy") ENERGY,
  /** Zero weights are skipped in time as well (cycles and energy saved). */
  @JsonProperty("cycles") CYCLES
}
