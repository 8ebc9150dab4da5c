package dev.tritium.simulator.energy.accounting;

/**
 * The bytes a layer (or model call) cannot avoid moving, supplied by whoever knows the layer: e.g. for
 * a BitLinear, DRAM reads = packed weights + int8 inputs, DRAM writes = outputs; SRAM reads = each
 * operand once, SRAM writes = each loaded and produced byte once. Traffic beyond these is the memory
 * hierarchy's overhead (re-reads per fold, spills, burst padding), itemised by
 * {@link EnergyAccounting#overhead}.
 */
public record CompulsoryTraffic(long dramReadBytes, long dramWrittenBytes, long sramReadBytes,
    long sramWrittenBytes) {

  public CompulsoryTraffic {
    if (dramReadBytes < 0 || dramWrittenBytes < 0 || sramReadBytes < 0 || sramWrittenBytes < 0) {
      throw new IllegalArgumentException("compulsory bytes must be >= 0");
    }
  }
}
