package dev.tritium.simulator.unit.host;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Operators the mapper can place on the host CPU instead of the accelerator. */
public enum HostOp {
  /** The final projection to vocabulary logits (a dense GEMV over the tied or separate embedding matrix). */
  @JsonProperty("lm_head") LM_HEAD
}
