package dev.tritium.simulator.unit.dma;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The DMA engines between DRAM and the on-chip buffers.
 *
 * @param loadChannels concurrent DRAM-to-SRAM transfers
 * @param storeChannels concurrent SRAM-to-DRAM transfers
 * @param maxOutstanding bursts in flight per channel and port (hides DRAM latency)
 * @param descriptorOverheadCycles fixed cost to start one 2-D descriptor
 * @param streamPorts memory ports (AXI masters) one transfer is striped over (default 1): each has its own
 *     {@code max_outstanding} bursts in flight, so a striped stream hides latency that many times over
 * @param portWidthBits data bits each port moves per accelerator cycle (default 0: not a limit); a transfer
 *     needs at least bytes / (stream_ports x port_width_bits / 8) cycles
 */
public record DmaConfig(
    @JsonProperty("load_channels") int loadChannels,
    @JsonProperty("store_channels") int storeChannels,
    @JsonProperty("max_outstanding") int maxOutstanding,
    @JsonProperty("descriptor_overhead_cycles") int descriptorOverheadCycles,
    @JsonProperty("stream_ports") int streamPorts,
    @JsonProperty("port_width_bits") int portWidthBits) {

  /** One port per stream with no width limit (the defaults). */
  public DmaConfig(int loadChannels, int storeChannels, int maxOutstanding, int descriptorOverheadCycles) {
    this(loadChannels, storeChannels, maxOutstanding, descriptorOverheadCycles, 1, 0);
  }

  /** Reads a config entry; {@code stream_ports} (default 1) and {@code port_width_bits} (default 0) are optional. */
  @JsonCreator
  static DmaConfig fromYaml(
      @JsonProperty(value = "load_channels", required = true) int loadChannels,
      @JsonProperty(value = "store_channels", required = true) int storeChannels,
      @JsonProperty(value = "max_outstanding", required = true) int maxOutstanding,
      @JsonProperty(value = "descriptor_overhead_cycles", required = true) int descriptorOverheadCycles,
      @JsonProperty("stream_ports") Integer streamPorts,
      @JsonProperty("port_width_bits") Integer portWidthBits) {
    return new DmaConfig(loadChannels, storeChannels, maxOutstanding, descriptorOverheadCycles,
        streamPorts == null ? 1 : streamPorts, portWidthBits == null ? 0 : portWidthBits);
  }
}
