package dev.tritium.simulator.unit.mac;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether each PE of the MAC array also has a floating-point adder, so the array runs GEMM.SF: ternary or binary
 * weights applied to fp32 activations (the weight formats with fp16 activations: OneBit, PB-LLM, BiLLM,
 * TernaryLLM). The adder is the PE's only arithmetic in that mode (a weight adds, subtracts or skips an
 * activation), so it is priced as one add of its width per nonzero weight and one adder of area per PE.
 */
public enum FloatAdders {
  /** Integer adders only (the default): GEMM.SF is refused. */
  @JsonProperty("none") NONE(0),
  /**
   * One fp16 adder per PE: each activation and each partial sum round to binary16 (cheaper adders, a different
   * result from the formats' fp32 sums; the cross-check then compares with the plan evaluated in fp16 sums).
   */
  @JsonProperty("fp16") FP16(16),
  /** One fp32 adder per PE, whose sums round to fp32 after every add (the reference order of those formats). */
  @JsonProperty("fp32") FP32(32);

  private final int bits;

  FloatAdders(int bits) {
    this.bits = bits;
  }

  /** The adder's width in bits (0: none). */
  public int bits() {
    return bits;
  }

  /** The energy and area tables' name of the format ({@code fp16}, {@code fp32}). */
  public String format() {
    return "fp" + bits;
  }
}
