package dev.tritium.simulator.unit.vector;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The vector unit (quantize, scale, RMSNorm, residual add, gating, softmax, RoPE).
 *
 * @param lanes elements processed per cycle; power of two
 * @param opLatencyCycles pipeline depth of one vector op
 * @param opInitiationIntervalCycles cycles between issuing successive lane-wide ops
 */
public record VectorUnitConfig(
    @JsonProperty(value = "lanes", required = true) int lanes,
    @JsonProperty(value = "op_latency_cycles", required = true) int opLatencyCycles,
    @JsonProperty(value = "op_initiation_interval_cycles", required = true) int opInitiationIntervalCycles) {}
