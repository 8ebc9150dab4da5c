package dev.tritium.simulator.energy.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import dev.tritium.simulator.energy.Action;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.functional.ActionCounters;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The LUT core's fp16-table adds are priced as fp32 adds, with the action (and so the table and source) GEMM.SF's
 * {@code mac_array.fp32_add} uses, and only when a run had them.
 */
class LutFloatEnergyTest {

  private static final ArchConfig ARCH = ArchKeys.with(ArchConfigs.preset("edge-fpga"), "lut_core.float_adders",
      "fp32");
  private static final CostModel COST = CostModel.preset("horowitz-45nm", 45);

  @Test
  void buildAndAccumulateAddsAreFp32AddsAtGemmSfsPrice() {
    ActionCounters c = new ActionCounters();
    c.lutFloatBuild(40, 54);
    c.lutFloatLookups(8, 8);
    EnergyReport r = EnergyAccounting.price(c.snapshot(), ARCH, COST, 1000);
    double fp32Add = COST.energy().price(Action.fpAdd("fp32")).pJ();
    EnergyEntry build = entry(r.entries(), "lut_core.fp32_build_add");
    EnergyEntry acc = entry(r.entries(), "lut_core.fp32_accumulate_add");
    assertEquals(40, build.count());
    assertEquals(8, acc.count());
    assertEquals(Action.fpAdd("fp32"), build.action());
    assertEquals(fp32Add, build.pJPerAction(), 1e-12);
    assertEquals(fp32Add, acc.pJPerAction(), 1e-12);
    assertTrue(build.source().contains("Horowitz ISSCC 2014"), build.source());
    assertTrue(r.entries().stream().noneMatch(e -> e.actionClass().equals("lut_core.build_add") && e.count() > 0),
        "no integer build adds");
  }

  @Test
  void aRunWithoutThemHasNoSuchEntries() {
    EnergyReport r = EnergyAccounting.price(new ActionCounters().snapshot(), ARCH, COST, 1000);
    assertTrue(r.entries().stream().noneMatch(e -> e.actionClass().startsWith("lut_core.fp32")));
  }

  private static EnergyEntry entry(List<EnergyEntry> entries, String actionClass) {
    return entries.stream().filter(e -> e.actionClass().equals(actionClass)).findFirst()
        .orElseThrow(() -> new AssertionError(actionClass + " missing in " + entries));
  }
}
