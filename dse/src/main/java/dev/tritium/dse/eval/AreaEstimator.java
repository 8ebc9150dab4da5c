package dev.tritium.dse.eval;

import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.accounting.AreaAccounting;
import dev.tritium.simulator.energy.accounting.AreaReport;
import dev.tritium.simulator.energy.accounting.AreaRow;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Area of a design point, grouped as the sweep reports it (MAC array, LUT core, vector unit, SRAM), from the
 * simulator's one area accounting ({@link AreaAccounting}: what is counted and what is not is documented
 * there) at the cost tables of the design's node. The parsed cost model is kept per node.
 */
public final class AreaEstimator {

  private final String costPreset;
  private final ConcurrentMap<Integer, CostModel> byNode = new ConcurrentHashMap<>();

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
    CostModel cost = byNode.computeIfAbsent(a.technologyNodeNm(), node -> CostModel.preset(costPreset, node));
    AreaReport report = AreaAccounting.of(a, cost);
    double mac = 0;
    double lut = 0;
    double vector = 0;
    double sram = 0;
    for (AreaRow row : report.rows()) {
      String unit = row.unit();
      if (unit.equals("mac_array") || unit.startsWith("mac_array.")) {
        mac += row.totalUm2();
      } else if (unit.startsWith("lut_core.")) {
        lut += row.totalUm2();
      } else if (unit.startsWith("vector_unit.")) {
        vector += row.totalUm2();
      } else if (unit.startsWith("sram.")) {
        sram += row.totalUm2();
      } else {
        throw new IllegalStateException("area row '" + unit + "' belongs to no part of DesignArea");
      }
    }
    return new DesignArea(mac, lut, vector, sram, report.leakageNWPerUm2());
  }
}
