package dev.tritium.simulator.unit.dma;

import dev.tritium.simulator.unit.ComponentCost;
import dev.tritium.simulator.unit.FpgaResources;

/** The DMA engines' FPGA cost: one AXI4 master datapath per channel and per extra stream port. */
public final class DmaFpgaCost {

  /**
   * One DMA channel with its AXI4 master: address generation, burst logic and a burst FIFO. Assumed
   * constant based on the AXI DMA (PG021) and AXI DataMover (PG022) resource tables, which report a few
   * thousand LUTs and FFs per channel at 64- to 128-bit data; the FIFO takes 2 BRAM36.
   */
  public static final FpgaResources DMA_CHANNEL = new FpgaResources(1_500, 2_200, 0, 2, 0);

  private DmaFpgaCost() {}

  public static ComponentCost of(DmaConfig dma) {
    // Each extra port a stream is striped over is one more AXI master datapath, costed as a channel.
    int channels = dma.loadChannels() + dma.storeChannels() + dma.streamPorts() - 1;
    return new ComponentCost("dma", DMA_CHANNEL.times(channels),
        channels + " channels x (" + DMA_CHANNEL.lut() + " LUT, " + DMA_CHANNEL.ff() + " FF, "
            + DMA_CHANNEL.bram36() + " BRAM36)"
            + (dma.streamPorts() > 1 ? ", " + (dma.streamPorts() - 1) + " of them extra stream ports" : ""));
  }
}
