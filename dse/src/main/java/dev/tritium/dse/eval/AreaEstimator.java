package dev.tritium.dse.eval;

import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.unit.lut.LutCoreConfig;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import dev.tritium.simulator.unit.mac.TernaryMacArrayConfig;
import dev.tritium.simulator.energy.AreaModel;
import dev.tritium.simulator.energy.Component;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.unit.mac.MacDatapaths;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Area of a design from the simulator's cost tables ({@link CostModel}, scaled to the design's node).
 * Counted: the MAC array's PEs ({@link MacDatapaths#processingElement}); the LUT core's table-build
 * adders ({@code tables_built_per_cycle x (entries - 1)} adders of {@code table_entry_bits}) and lookup
 * accumulators ({@code lookups_per_cycle} adders of the accumulator width); one fp32 adder and multiplier
 * per vector lane; every SRAM buffer ({@code sram_buffer}). Not counted: DMA engines, control, wiring.
 */
public final class AreaEstimator {

  /** fp16 baselines accumulate in fp16, the BitNet papers' accounting (simulator README). */
  private static final String FP_ACC_FORMAT = "fp16";

  private final String costPreset;
  private final ConcurrentMap<Integer, AreaModel> byNode = new ConcurrentHashMap<>();

  public AreaEstimator(String costPreset) {
    this.costPreset = costPreset;
    CostModel.preset(costPreset, 45); // fail early on an unknown preset name
  }

  public AreaEstimator() {
    this(CostModel.DEFAULT_PRESET);
  }

  /**
   * The design's area by part.
   *
   * @throws dev.tritium.simulator.energy.UnpricedException when a part has no area entry
   */
  public DesignArea area(ArchConfig a) {
    AreaModel m = byNode.computeIfAbsent(a.technologyNodeNm(), node -> CostModel.preset(costPreset, node).area());
    TernaryMacArrayConfig mac = a.macArray();
    double pe = m.price(MacDatapaths.processingElement(mac.weightDatatype(), mac.accumulatorBits(), FP_ACC_FORMAT))
        .um2();
    LutCoreConfig lut = a.lutCore();
    double buildAdders = (double) lut.tablesBuiltPerCycle() * (lut.tableEntries() - 1);
    double lutUm2 = buildAdders * m.price(Component.intAdder(lut.tableEntryBits())).um2()
        + lut.lookupsPerCycle() * m.price(Component.intAdder(mac.accumulatorBits())).um2();
    double laneUm2 = m.price(Component.fpAdder("fp32")).um2() + m.price(Component.fpMultiplier("fp32")).um2();
    double sram = 0;
    for (SramBufferConfig b : a.buffers().values()) {
      sram += m.price(Component.sramBuffer(b.sizeBytes())).um2();
    }
    return new DesignArea((double) mac.peCount() * pe, lutUm2, a.vectorUnit().lanes() * laneUm2, sram,
        m.leakage().nWPerUm2());
  }
}
