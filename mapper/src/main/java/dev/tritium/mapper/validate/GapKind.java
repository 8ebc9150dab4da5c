package dev.tritium.mapper.validate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Features of a published design that the template cannot express, each with a closed-form effect on the decode
 * time that {@link Validation} computes from the model and the arch (nothing fitted).
 */
public enum GapKind {
  /**
   * The design stores weights padded along K to whole activation blocks; the template packs the unpadded K.
   * Effect: the padded weight bytes per token, at the DRAM peak.
   */
  @JsonProperty("weight_k_padding") WEIGHT_K_PADDING,
  /**
   * The design fuses the element-wise ops into the projection streams; the template runs them as separate
   * vector-unit passes. Effect: at most the decode time of those passes (act_quant, rope, norms, ffn_act,
   * residual), which fusion could hide.
   */
  @JsonProperty("fused_elementwise") FUSED_ELEMENTWISE
}
