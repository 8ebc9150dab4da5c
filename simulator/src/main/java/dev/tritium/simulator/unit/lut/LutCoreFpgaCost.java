package dev.tritium.simulator.unit.lut;

import dev.tritium.simulator.unit.ComponentCost;
import dev.tritium.simulator.unit.FpgaResources;

/**
 * The LUT core's FPGA cost: the table builder and the lookup lanes (its tables are the {@code lut} buffer, costed
 * with the buffers).
 */
public final class LutCoreFpgaCost {

  private LutCoreFpgaCost() {}

  /**
   * Builder: tables_built_per_cycle x (adds per table) adders of table_entry_bits (the functional builder's count:
   * entries - 1, plus g - 1 for a binary table's first entry) and a register per entry bit; lookups: one accumulator_bits add/sub each, with
   * its entry register, and one accumulator per shared row.
   */
  public static ComponentCost of(LutCoreConfig l, int accumulatorBits) {
    long entries = l.tableEntries();
    long adders = l.buildAddsPerTable();
    long builderLut = l.tablesBuiltPerCycle() * adders * l.tableEntryBits();
    long builderFf = l.tablesBuiltPerCycle() * entries * l.tableEntryBits();
    long lookupLut = (long) l.lookupsPerCycle() * accumulatorBits;
    long lookupFf = (long) l.lookupsPerCycle() * l.tableEntryBits() + (long) l.tableSharingRows() * accumulatorBits;
    return new ComponentCost("lut_core", new FpgaResources(builderLut + lookupLut, builderFf + lookupFf, 0, 0, 0),
        "builder " + l.tablesBuiltPerCycle() + " x " + adders + " adders x " + l.tableEntryBits()
            + " bits; " + l.lookupsPerCycle() + " lookups x " + accumulatorBits + "-bit add/sub; tables in buffer.lut");
  }
}
