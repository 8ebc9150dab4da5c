package dev.tritium.simulator.unit.host;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The host CPU beside the accelerator (for example the Cortex-A53 cluster of a Zynq UltraScale+ MPSoC), for
 * the operators the accelerator does not run. Modelled from published CPU parameters only: a roofline of its
 * SIMD throughput and its share of DRAM bandwidth, plus a fixed hand-off per call (cache maintenance,
 * interrupt, driver). See {@link HostUnit}.
 *
 * @param cores cores that split the work
 * @param clockMhz core clock
 * @param macsPerCyclePerCore multiply-accumulates each core retires per cycle on its SIMD unit in the
 *     datatype the host computes in (e.g. 128-bit NEON fp32 FMA: 4)
 * @param weightBits bits per weight as the host reads them from DRAM (16 for fp16/bf16)
 * @param dramBandwidthGBps the DRAM bandwidth the host's loads reach (its share of the memory system)
 * @param handoffUs fixed cost of one hand-off between accelerator and host, each direction together
 * @param runs the operators placed on the host
 */
public record HostConfig(
    @JsonProperty("cores") int cores,
    @JsonProperty("clock_mhz") double clockMhz,
    @JsonProperty("macs_per_cycle_per_core") int macsPerCyclePerCore,
    @JsonProperty("weight_bits") int weightBits,
    @JsonProperty("dram_bandwidth_GBps") double dramBandwidthGBps,
    @JsonProperty("handoff_us") double handoffUs,
    @JsonProperty("runs") List<HostOp> runs) {

  public HostConfig {
    // Not List.copyOf: a YAML list with an empty entry must reach the validator, which names it.
    runs = runs == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(runs));
  }

  @JsonCreator
  static HostConfig fromYaml(
      @JsonProperty(value = "cores", required = true) int cores,
      @JsonProperty(value = "clock_mhz", required = true) double clockMhz,
      @JsonProperty(value = "macs_per_cycle_per_core", required = true) int macsPerCyclePerCore,
      @JsonProperty(value = "weight_bits", required = true) int weightBits,
      @JsonProperty(value = "dram_bandwidth_GBps", required = true) double dramBandwidthGBps,
      @JsonProperty(value = "handoff_us", required = true) double handoffUs,
      @JsonProperty(value = "runs", required = true) List<HostOp> runs) {
    return new HostConfig(cores, clockMhz, macsPerCyclePerCore, weightBits, dramBandwidthGBps, handoffUs, runs);
  }

  /** True when {@code op} is placed on the host. */
  public boolean runs(HostOp op) {
    return runs.contains(op);
  }
}
