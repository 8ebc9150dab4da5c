package dev.tritium.simulator.unit.mac;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Weight format stored in the weight buffer and consumed by the MAC array. */
public enum WeightDatatype {
  /** Ternary {-1, 0, +1} as 2-bit codes (the Tritium default). */
  @JsonProperty("ternary") TERNARY(2),
  /** Signed 4-bit integers (baseline). */
  @JsonProperty("int4") INT4(4),
  /** Signed 8-bit integers (baseline). */
  @JsonProperty("int8") INT8(8),
  /** IEEE half precision (baseline). */
  @JsonProperty("fp16") FP16(16);

  private final int storageBits;

  WeightDatatype(int storageBits) {
    this.storageBits = storageBits;
  }

  /** Bits one weight occupies in SRAM (ternary uses 2-bit codes). */
  public int storageBits() {
    return storageBits;
  }
}
