package dev.tritium.cli.report.model;

/**
 * Energy of one (layer, unit, action) of the chosen design (a row of DIR/energy.csv).
 *
 * @param layer layer type, or "all" when the file has no layer column
 * @param unit the hardware unit (mac_array, lut_core, vector_unit, buffers.weight, dram, ...)
 * @param memoryLevel register, SRAM or DRAM for memory accesses; empty for compute actions
 * @param action what was priced (e.g. sram_read), or empty
 */
public record EnergyRecord(String layer, String unit, String memoryLevel, String action, double energyPj) {

  public boolean isMemory() {
    return !memoryLevel.isEmpty();
  }
}
