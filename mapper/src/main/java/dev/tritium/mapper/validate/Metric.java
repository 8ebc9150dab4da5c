package dev.tritium.mapper.validate;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tritium.simulator.unit.FpgaResources.Resource;

/** A figure a paper publishes about a design, with the unit it is stated in. */
public enum Metric {
  /** Decode throughput at a context of {@code context} cached tokens. */
  @JsonProperty("decode_tokens_per_s") DECODE_TOKENS_PER_S("tokens/s", null),
  /** Time to first token for a prompt of {@code prompt_tokens} tokens (prefill and the first LM head). */
  @JsonProperty("ttft_s") TTFT_S("s", null),
  /** Time of one LM head call (decode). */
  @JsonProperty("lm_head_ms") LM_HEAD_MS("ms", null),
  /** Board power while decoding. */
  @JsonProperty("power_W") POWER_W("W", null),
  @JsonProperty("lut") LUT("LUT", Resource.LUT),
  @JsonProperty("ff") FF("FF", Resource.FF),
  @JsonProperty("dsp") DSP("DSP", Resource.DSP),
  @JsonProperty("bram36") BRAM36("BRAM36", Resource.BRAM36),
  @JsonProperty("uram") URAM("URAM", Resource.URAM);

  private final String unit;
  private final Resource resource;

  Metric(String unit, Resource resource) {
    this.unit = unit;
    this.resource = resource;
  }

  public String unit() {
    return unit;
  }

  /** The FPGA resource this metric counts, or null for a performance figure. */
  public Resource resource() {
    return resource;
  }
}
