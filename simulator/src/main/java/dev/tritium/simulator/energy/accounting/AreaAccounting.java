package dev.tritium.simulator.energy.accounting;

import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.unit.lut.LutBitPlaneUnit;
import dev.tritium.simulator.unit.lut.LutCoreConfig;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import dev.tritium.simulator.unit.mac.TernaryMacArrayConfig;
import dev.tritium.simulator.energy.AreaModel;
import dev.tritium.simulator.energy.Component;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.LeakageDensity;
import dev.tritium.simulator.unit.mac.FloatAdders;
import dev.tritium.simulator.unit.mac.IntMultipliers;
import dev.tritium.simulator.unit.mac.MacDatapaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Area of an {@link ArchConfig} per unit, from the cost model's area tables at its target node.
 *
 * <ul>
 *   <li>{@code mac_array}: rows x cols processing elements of the array's weight datatype
 *       ({@link MacDatapaths#processingElement}; fp16 baselines accumulate in fp16);
 *       {@code mac_array.int8_multipliers}: one 8-bit integer multiplier per PE when {@code int8_multipliers};
 *       {@code mac_array.fp32_adders} / {@code fp16_adders}: one adder of that width per PE when {@code float_adders}
 *       says so; {@code mac_array.mask_decoders}: one per PE when {@code mask_decode} (priced as a 2-bit adder,
 *       ASSUMED);
 *   <li>{@code lut_core.build_adders}: tables_built_per_cycle x (entries - 1) adders of table_entry_bits
 *       (one table per cycle needs every entry but the all-zero one at once);
 *       {@code lut_core.accumulate_adders}: lookups_per_cycle adders of the accumulator width;
 *       with {@code lut_core.float_adders: fp32} also {@code lut_core.fp32_build_adders} (tables_built_per_cycle x
 *       the u-order build's fp32 adds per table) and {@code lut_core.fp32_accumulate_adders} (lookups_per_cycle);
 *   <li>{@code vector_unit.fp32_adders}, {@code vector_unit.fp32_multipliers}: one of each per lane
 *       (functions such as exp iterate on them, as the energy recipe of {@code fp_func} assumes);
 *   <li>{@code sram.<buffer>}: one {@code sram_buffer{capacity_bytes}} per configured buffer; a buffer of
 *       {@code storage: registers} is 8 x size_bytes {@code register} bits instead.
 * </ul>
 * Not modelled: DMA engines, control, instruction queues, wiring (stated in reports).
 */
public final class AreaAccounting {

  /** Accumulator format of fp16 baseline PEs: the BitNet papers' accounting (FP16 mult + FP16 add). */
  public static final String FP16_BASELINE_ACC_FORMAT = "fp16";

  private AreaAccounting() {}

  /**
   * The design's area per unit.
   *
   * @throws dev.tritium.simulator.energy.UnpricedException naming the component no table prices
   */
  public static AreaReport of(ArchConfig arch, CostModel cost) {
    AreaModel m = cost.area();
    List<AreaRow> rows = new ArrayList<>();
    TernaryMacArrayConfig mac = arch.macArray();
    rows.add(new AreaRow("mac_array", m.price(MacDatapaths.processingElement(mac.weightDatatype(),
        mac.accumulatorBits(), FP16_BASELINE_ACC_FORMAT)), mac.peCount()));
    if (mac.int8Multipliers()) {
      rows.add(new AreaRow("mac_array.int8_multipliers", m.price(Component.intMultiplier(8)), mac.peCount()));
    }
    if (mac.intMultipliers() != IntMultipliers.NONE) {
      // GEMM.IW's multiply-accumulate per PE (multiplier, int32 adder, registers), counted apart from int8_multipliers'
      // multiplier: an upper bound when an arch sets both.
      rows.add(new AreaRow("mac_array.int" + mac.intMultipliers().bits() + "_macs",
          m.price(MacDatapaths.intArrayPe(mac.intMultipliers())), mac.peCount()));
    }
    if (mac.floatAdders() != FloatAdders.NONE) {
      String f = mac.floatAdders().format();
      rows.add(new AreaRow("mac_array." + f + "_adders", m.price(Component.fpAdder(f)), mac.peCount()));
    }
    if (mac.maskDecode()) {
      // ASSUMED: the decode (two bit compares and an AND) priced as a 2-bit adder, the nearest priced logic.
      rows.add(new AreaRow("mac_array.mask_decoders", m.price(Component.intAdder(2)), mac.peCount()));
    }
    if (mac.bitPlane()) {
      // ASSUMED (MacDatapaths.bitPlanePopcount): a PE's AND + popcount priced as an 8-bit adder, plus its eight
      // stationary plane bytes as 64 register bits; per column the edge's int32 shift-add and zero-point
      // multiply-add as one int_mac_pe{8, 32, 32}.
      rows.add(new AreaRow("mac_array.bit_plane_popcount", m.price(Component.intAdder(8)), mac.peCount()));
      rows.add(new AreaRow("mac_array.bit_plane_registers", m.price(Component.register()), 64L * mac.peCount()));
      rows.add(new AreaRow("mac_array.bit_plane_edge", m.price(Component.intMacPe(8, 32, 32)), mac.cols()));
    }
    LutCoreConfig lut = arch.lutCore();
    rows.add(new AreaRow("lut_core.build_adders", m.price(Component.intAdder(lut.tableEntryBits())),
        (long) lut.tablesBuiltPerCycle() * lut.buildAddsPerTable()));
    rows.add(new AreaRow("lut_core.accumulate_adders", m.price(Component.intAdder(mac.accumulatorBits())),
        lut.lookupsPerCycle()));
    if (lut.bitPlane()) {
      // ASSUMED (LutCoreFpgaCost.bitPlane): per table slot a 2^4-entry subset-sum builder of 15 adders of 11 bits;
      // per shared row the edge's plane shift-add and zero-point multiply-add as one int_mac_pe{8, 32, 32}.
      rows.add(new AreaRow("lut_core.bit_plane_build_adders", m.price(Component.intAdder(11)),
          (long) lut.tablesBuiltPerCycle() * LutBitPlaneUnit.buildAddsPerTable(4)));
      rows.add(new AreaRow("lut_core.bit_plane_edge", m.price(Component.intMacPe(8, 32, 32)),
          lut.tableSharingRows()));
    }
    if (lut.hasFloatAdders()) {
      rows.add(new AreaRow("lut_core.fp32_build_adders", m.price(Component.fpAdder("fp32")),
          (long) lut.tablesBuiltPerCycle() * lut.floatBuildAddsPerTable()));
      rows.add(new AreaRow("lut_core.fp32_accumulate_adders", m.price(Component.fpAdder("fp32")),
          lut.lookupsPerCycle()));
    }
    int lanes = arch.vectorUnit().lanes();
    rows.add(new AreaRow("vector_unit.fp32_adders", m.price(Component.fpAdder("fp32")), lanes));
    rows.add(new AreaRow("vector_unit.fp32_multipliers", m.price(Component.fpMultiplier("fp32")), lanes));
    if (arch.sparseUnit() != null) {
      // Per lane: an fp32 multiplier and adder, and the index decoder's 32-bit address adder (priced as int_adder).
      int sparse = arch.sparseUnit().lanes();
      rows.add(new AreaRow("sparse_unit.fp32_multipliers", m.price(Component.fpMultiplier("fp32")), sparse));
      rows.add(new AreaRow("sparse_unit.fp32_adders", m.price(Component.fpAdder("fp32")), sparse));
      rows.add(new AreaRow("sparse_unit.index_adders", m.price(Component.intAdder(32)), sparse));
    }
    for (Map.Entry<String, SramBufferConfig> b : arch.buffers().entrySet()) {
      SramBufferConfig c = b.getValue();
      rows.add(c.registers()
          ? new AreaRow("sram." + b.getKey(), m.price(Component.register()), 8 * c.sizeBytes())
          : new AreaRow("sram." + b.getKey(), m.price(Component.sramBuffer(c.sizeBytes())), 1));
    }
    LeakageDensity leak = m.leakage();
    String leakSource = leak.source().source() + " (" + leak.derivation() + ")";
    return new AreaReport(rows, leak.nWPerUm2(), leakSource, cost.describe());
  }
}
