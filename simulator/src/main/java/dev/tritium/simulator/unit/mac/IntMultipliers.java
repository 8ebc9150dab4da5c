package dev.tritium.simulator.unit.mac;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether each PE of the MAC array also has a signed integer multiplier feeding its int32 accumulator, so the array
 * runs GEMM.IW: integer weights on integer activations (the multi-bit integer formats: w8a8, Atom W4A4). The
 * multiplier's width bounds both operands; an int8 multiplier also runs int4 operands (sign-extended).
 */
public enum IntMultipliers {
  /** No integer multipliers (the default): GEMM.IW is refused. */
  @JsonProperty("none") NONE(0),
  /** One 4 x 4-bit multiplier per PE: GEMM.IW with int4 weights and int4 activations only. */
  @JsonProperty("int4") INT4(4),
  /** One 8 x 8-bit multiplier per PE: GEMM.IW with int8 or int4 weights and activations. */
  @JsonProperty("int8") INT8(8);

  private final int bits;

  IntMultipliers(int bits) {
    this.bits = bits;
  }

  /** The multiplier's operand width in bits (0: none). */
  public int bits() {
    return bits;
  }
}
