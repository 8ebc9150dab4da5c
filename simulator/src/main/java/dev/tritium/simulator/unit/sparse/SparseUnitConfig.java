package dev.tritium.simulator.unit.sparse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The sparse unit: the outlier path of the weight formats with sparse high-precision weights (PB-LLM's salient int8
 * weights in CSR), beside the vector unit. Each lane decodes one CSR entry's column into an activation address,
 * multiplies the int8 weight by that fp32 activation and adds the product into its row's fp32 sum, one entry per lane
 * per cycle. Without this section GEMM.SP runs on the vector unit's lanes.
 *
 * @param lanes entries processed per cycle
 * @param opLatencyCycles pipeline depth (index decode, activation read, multiply, add); default
 *     {@link #DEFAULT_LATENCY_CYCLES}
 */
public record SparseUnitConfig(
    @JsonProperty("lanes") int lanes,
    @JsonProperty("op_latency_cycles") int opLatencyCycles) {

  /**
   * ASSUMED pipeline depth when the arch names none: one cycle each for the index decode and the activation read,
   * and 4 for the multiply-add (the ASIC presets' vector_unit.op_latency_cycles).
   */
  public static final int DEFAULT_LATENCY_CYCLES = 6;

  @JsonCreator
  static SparseUnitConfig fromYaml(@JsonProperty(value = "lanes", required = true) int lanes,
      @JsonProperty("op_latency_cycles") Integer opLatencyCycles) {
    return new SparseUnitConfig(lanes, opLatencyCycles == null ? DEFAULT_LATENCY_CYCLES : opLatencyCycles);
  }
}
