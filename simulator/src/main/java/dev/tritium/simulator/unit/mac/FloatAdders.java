package dev.tritium.simulator.unit.mac;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether each PE of the MAC array also has a floating-point adder, so the array runs GEMM.SF: ternary or binary
 * weights applied to fp32 activations (the weight formats with fp16 activations: OneBit, PB-LLM, BiLLM,
 * TernaryLLM). The adder is the PE's only arithmetic in that mode (a weight adds, subtracts or skips an
 * activation), so it is priced as one fp32 add per nonzero weight and one fp32 adder of area per PE.
 */
public enum FloatAdders {
  /** Integer adders only (the default): GEMM.SF is refused. */
  @JsonProperty("none") NONE,
  /** One fp32 adder per PE, whose sums round to fp32 after every add (the reference order of those formats). */
  @JsonProperty("fp32") FP32
}
