package dev.tritium.simulator.unit.dram;

import com.fasterxml.jackson.annotation.JsonProperty;

/** DRAM technology; selects per-bit energy tables elsewhere. */
public enum DramKind {
  @JsonProperty("lpddr4") LPDDR4,
  @JsonProperty("ddr4") DDR4,
  @JsonProperty("hbm2") HBM2,
  @JsonProperty("gddr6") GDDR6
}
