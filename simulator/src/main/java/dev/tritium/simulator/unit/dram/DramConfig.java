package dev.tritium.simulator.unit.dram;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The off-chip DRAM channel.
 *
 * @param kind lpddr4, ddr4, hbm2 or gddr6
 * @param peakBandwidthGBps peak transfer rate, 10^9 bytes per second
 * @param latencyNs idle read latency
 * @param burstBytes minimum transfer; smaller requests still cost a burst; power of two
 */
public record DramConfig(
    @JsonProperty(value = "kind", required = true) DramKind kind,
    @JsonProperty(value = "peak_bandwidth_GBps", required = true) double peakBandwidthGBps,
    @JsonProperty(value = "latency_ns", required = true) double latencyNs,
    @JsonProperty(value = "burst_bytes", required = true) int burstBytes) {

  /** Peak bytes per accelerator cycle at the given clock. */
  public double peakBytesPerCycle(double clockMhz) {
    return peakBandwidthGBps * 1e3 / clockMhz;
  }

  /** Latency in accelerator cycles at the given clock, rounded up. */
  public long latencyCycles(double clockMhz) {
    return (long) Math.ceil(latencyNs * clockMhz / 1e3);
  }
}
