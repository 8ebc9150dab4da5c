package dev.tritium.simulator.energy.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchKeys;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.unit.ComponentCost;
import dev.tritium.simulator.unit.mac.MacArrayFpgaCost;
import org.junit.jupiter.api.Test;

/**
 * The MAC array's floating-point adders (GEMM.SF) are priced at their width: energy per add, area per PE and FPGA
 * resources per PE, fp16 below fp32, and nothing for an array without them.
 */
class FloatAddersCostTest {

  private static ArchConfig adders(String width) {
    return ArchKeys.with(EnergyAccountingTest.EDGE, "mac_array.float_adders", width);
  }

  @Test
  void energyIsOneAddOfTheAdderWidthPerPair() {
    ActionCounters c = new ActionCounters();
    c.floatArrayTile(2, 8, 16, null); // timing-only: 256 pairs, each priced as an add (upper bound)
    EnergyReport half = EnergyAccounting.price(c.snapshot(), adders("fp16"), EnergyAccountingTest.H45, 0);
    EnergyReport single = EnergyAccounting.price(c.snapshot(), adders("fp32"), EnergyAccountingTest.H45, 0);
    // Horowitz 45 nm: fp16 add 0.4 pJ, fp32 add 0.9 pJ
    assertEquals(256 * 0.4, half.entry("mac_array.fp16_add").orElseThrow().totalPj(), 1e-9);
    assertEquals(256 * 0.9, single.entry("mac_array.fp32_add").orElseThrow().totalPj(), 1e-9);
    assertTrue(half.entry("mac_array.fp32_add").isEmpty());
  }

  @Test
  void areaIsOneAdderOfTheWidthPerPe() {
    AreaReport half = AreaAccounting.of(adders("fp16"), EnergyAccountingTest.H45);
    AreaReport single = AreaAccounting.of(adders("fp32"), EnergyAccountingTest.H45);
    AreaReport none = AreaAccounting.of(EnergyAccountingTest.EDGE, EnergyAccountingTest.H45);
    long pes = EnergyAccountingTest.EDGE.macArray().peCount();
    // Horowitz 45 nm: fp16 adder 1360 um2, fp32 adder 4184 um2
    assertEquals(pes * 1360.0, half.um2Of("mac_array.fp16_adders"), 1e-6);
    assertEquals(pes * 4184.0, single.um2Of("mac_array.fp32_adders"), 1e-6);
    assertEquals(0.0, none.um2Of("mac_array.fp"), 0.0);
  }

  @Test
  void fpgaCostPerPeFollowsTheWidth() {
    ComponentCost none = MacArrayFpgaCost.pes(EnergyAccountingTest.EDGE.macArray());
    ComponentCost half = MacArrayFpgaCost.pes(adders("fp16").macArray());
    ComponentCost single = MacArrayFpgaCost.pes(adders("fp32").macArray());
    long pes = EnergyAccountingTest.EDGE.macArray().peCount();
    assertEquals(pes, half.resources().dsp() - none.resources().dsp(), "one DSP48E2 per PE for an fp16 add");
    assertEquals(2 * pes, single.resources().dsp() - none.resources().dsp(), "two per PE for PG060's fp32 add");
    assertTrue(half.resources().lut() < single.resources().lut());
    assertTrue(half.basis().contains("ASSUMED"), half.basis());
  }
}
