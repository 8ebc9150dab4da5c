package dev.tritium.simulator.unit.lut;

import dev.tritium.simulator.unit.ComponentCost;
import dev.tritium.simulator.unit.FpgaResources;
import dev.tritium.simulator.unit.vector.VectorUnitFpgaCost;

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
    FpgaResources integer = new FpgaResources(builderLut + lookupLut, builderFf + lookupFf, 0, 0, 0);
    String what = "builder " + l.tablesBuiltPerCycle() + " x " + adders + " adders x " + l.tableEntryBits()
        + " bits; " + l.lookupsPerCycle() + " lookups x " + accumulatorBits + "-bit add/sub; tables in buffer.lut";
    if (!l.hasFloatAdders()) {
      return new ComponentCost("lut_core", integer, what);
    }
    // fp16 tables: one PG060 single-precision add (full DSP usage, the figure the vector lanes and GEMM.SF's PEs
    // use) per fp32 build add of a table and per lookup lane, and a fp32-to-fp16 rounder per entry written
    // (FP16_ROUND, ASSUMED) with a 16-bit entry register.
    long fpBuild = l.tablesBuiltPerCycle() * l.floatBuildAddsPerTable();
    long fpEntries = l.tablesBuiltPerCycle() * entries;
    FpgaResources fp = VectorUnitFpgaCost.FP32_ADD.times(fpBuild + l.lookupsPerCycle())
        .plus(FP16_ROUND.times(fpEntries)).plus(new FpgaResources(0, 16 * fpEntries, 0, 0, 0));
    return new ComponentCost("lut_core", integer.plus(fp), what + "; fp16 tables: " + fpBuild + " build + "
        + l.lookupsPerCycle() + " accumulate fp32 adders x (" + VectorUnitFpgaCost.FP32_ADD.dsp() + " DSP48E2 + "
        + VectorUnitFpgaCost.FP32_ADD.lut() + " LUT, PG060 single-precision add, full DSP usage), " + fpEntries
        + " fp16 rounders");
  }

  /**
   * ASSUMED: rounding an fp32 sum to fp16 (round to nearest even, exponent rebias, overflow to infinity) as LUT logic,
   * about 40 LUTs and no FF (combinational on the adder's registered output); no vendor figure is at hand.
   */
  static final FpgaResources FP16_ROUND = new FpgaResources(40, 0, 0, 0, 0);
}
