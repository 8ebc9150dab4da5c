package dev.tritium.simulator.unit.dma;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The DMA engines between DRAM and the on-chip buffers.
 *
 * @param loadChannels concurrent DRAM-to-SRAM transfers
 * @param storeChannels concurrent SRAM-to-DRAM transfers
 * @param maxOutstanding bursts in flight per channel (hides DRAM latency)
 * @param descriptorOverheadCycles fixed cost to start one 2-D descriptor
 */
public record DmaConfig(
    @JsonProperty(value = "load_channels", required = true) int loadChannels,
    @JsonProperty(value = "store_channels", required = true) int storeChannels,
    @JsonProperty(value = "max_outstanding", required = true) int maxOutstanding,
    @JsonProperty(value = "descriptor_overhead_cycles", required = true) int descriptorOverheadCycles) {}
