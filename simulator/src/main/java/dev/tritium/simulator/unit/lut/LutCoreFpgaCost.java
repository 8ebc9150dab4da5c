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
    if (l.bitPlane()) {
      integer = integer.plus(bitPlane(l, accumulatorBits));
      what += "; bit-plane tables (ASSUMED): " + l.tablesBuiltPerCycle() + " x " + BIT_PLANE_BUILD_ADDERS
          + " adders x "
          + BIT_PLANE_ENTRY_BITS + " bits, " + l.tableSharingRows() + " edges of 1 DSP48E2 + " + accumulatorBits
          + "-bit plane shift-add";
    }
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

  /** A bit-plane table's adders at g = 4, the larger group: 2^4 - 1 ({@link LutBitPlaneUnit#buildAddsPerTable}). */
  static final long BIT_PLANE_BUILD_ADDERS = LutBitPlaneUnit.buildAddsPerTable(4);

  /** A bit-plane entry's width: |sum of four (u_x - z_x)| <= 1020 needs 11 bits signed. */
  static final int BIT_PLANE_ENTRY_BITS = 11;

  /**
   * The increment of {@code bit_plane: true}. ASSUMED, no synthesis figure here: the builder gets its own 2^g-entry
   * subset-sum datapath per table slot (sized for g = 4: 15 adders of 11 bits, one LUT per adder bit as the integer
   * builder is costed, and 16 entry registers of 11 bits), because the variant's builder computes other sums; the
   * lookup lanes and their accumulators are shared with the variant's (an entry is added as it is), and per shared row
   * the edge combines the planes MSB first ({@code s = 2 s + plane sum}: one accumulator_bits adder, the doubling
   * wiring) and applies the zero-point term {@code z_w * sum(u_x - z_x)} on one DSP48E2 (an 8-bit by 22-bit product
   * fits its 27 x 18 multiplier), with an accumulator_bits register for the plane sum.
   */
  static FpgaResources bitPlane(LutCoreConfig l, int accumulatorBits) {
    long slots = l.tablesBuiltPerCycle();
    long builderLut = slots * BIT_PLANE_BUILD_ADDERS * BIT_PLANE_ENTRY_BITS;
    long builderFf = slots * 16L * BIT_PLANE_ENTRY_BITS;
    long rows = l.tableSharingRows();
    return new FpgaResources(builderLut + rows * accumulatorBits, builderFf + rows * accumulatorBits, rows, 0, 0);
  }

  /**
   * ASSUMED: rounding an fp32 sum to fp16 (round to nearest even, exponent rebias, overflow to infinity) as LUT logic,
   * about 40 LUTs and no FF (combinational on the adder's registered output); no vendor figure is at hand.
   */
  static final FpgaResources FP16_ROUND = new FpgaResources(40, 0, 0, 0, 0);
}
