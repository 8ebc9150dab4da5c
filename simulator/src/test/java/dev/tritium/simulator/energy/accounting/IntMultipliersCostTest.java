package dev.tritium.simulator.energy.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.IntWidth;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.unit.ComponentCost;
import dev.tritium.simulator.unit.mac.IntMultipliers;
import dev.tritium.simulator.unit.mac.MacArrayFpgaCost;
import org.junit.jupiter.api.Test;

/**
 * The MAC array's integer multipliers (GEMM.IW): each pair of operand widths is priced as its own int_mac (Horowitz
 * 45 nm 8-bit multiply plus 32-bit add; the 4-bit multiply derived by the tables' scaling), area per PE, FPGA DSPs
 * shared with int8_multipliers, and nothing for an array without them.
 */
class IntMultipliersCostTest {

  private static ArchConfig multipliers(ArchConfig base, String width) {
    return ArchKeys.with(base, "mac_array.int_multipliers", width);
  }

  @Test
  void theKeyDefaultsToNoneAndReachesTheIsaTarget() {
    for (String preset : ArchConfigs.presetNames()) {
      assertEquals(IntMultipliers.NONE, ArchConfigs.preset(preset).macArray().intMultipliers(), preset);
      assertEquals(0, Machine.isaTarget(ArchConfigs.preset(preset)).macIntMultiplierBits(), preset);
    }
    assertEquals(8, Machine.isaTarget(multipliers(EnergyAccountingTest.EDGE, "int8")).macIntMultiplierBits());
    assertEquals(4, Machine.isaTarget(multipliers(EnergyAccountingTest.EDGE, "int4")).macIntMultiplierBits());
  }

  @Test
  void energyIsOneIntMacOfTheOperandWidthsPerPair() {
    ActionCounters c = new ActionCounters();
    c.intArrayMacs(IntWidth.INT8, IntWidth.INT8, 100);
    c.intArrayMacs(IntWidth.INT4, IntWidth.INT4, 1000);
    EnergyReport r = EnergyAccounting.price(c.snapshot(), multipliers(EnergyAccountingTest.EDGE, "int8"),
        EnergyAccountingTest.H45, 0);
    // Horowitz 45 nm: int_mac{8,8,32} = 8-bit mult 0.2 pJ + 32-bit add 0.1 pJ
    assertEquals(100 * 0.3, r.entry("mac_array.int_mac_w8a8").orElseThrow().totalPj(), 1e-9);
    // int_mac{4,4,32}: the 4-bit multiply extrapolated log-log from the 8-bit (0.2 pJ) and 32-bit (3.1 pJ) entries:
    // 0.2 * (4/8)^(ln(3.1/0.2) / ln 4) = 0.0508 pJ
    double mult4 = 0.2 * Math.pow(0.5, Math.log(3.1 / 0.2) / Math.log(4));
    double w4a4 = r.entry("mac_array.int_mac_w4a4").orElseThrow().totalPj() / 1000;
    assertEquals(mult4 + 0.1, w4a4, 1e-9);
    assertTrue(r.entry("mac_array.int_mac_w4a4").orElseThrow().price().derivation().contains("int_mult"),
        r.entry("mac_array.int_mac_w4a4").orElseThrow().price().derivation());
    assertTrue(r.entry("mac_array.int_mac_w8a4").isEmpty());
  }

  @Test
  void areaAddsOneIntMacPePerPe() {
    AreaReport none = AreaAccounting.of(EnergyAccountingTest.EDGE, EnergyAccountingTest.H45);
    AreaReport int8 = AreaAccounting.of(multipliers(EnergyAccountingTest.EDGE, "int8"), EnergyAccountingTest.H45);
    AreaReport int4 = AreaAccounting.of(multipliers(EnergyAccountingTest.EDGE, "int4"), EnergyAccountingTest.H45);
    assertEquals(0.0, none.um2Of("mac_array.int8_macs"), 0.0);
    assertTrue(int8.um2Of("mac_array.int8_macs") > int4.um2Of("mac_array.int4_macs"));
    assertTrue(int4.um2Of("mac_array.int4_macs") > 0);
  }

  @Test
  void fpgaInt8SharesTheDspOfInt8MultipliersAndInt4UsesFabric() {
    ArchConfig edge = ArchConfigs.preset("edge-fpga");
    ComponentCost base = MacArrayFpgaCost.pes(edge.macArray());
    ComponentCost int8 = MacArrayFpgaCost.pes(multipliers(edge, "int8").macArray());
    assertEquals(base.resources(), int8.resources(), "edge-fpga already has one DSP48E2 per PE");
    ArchConfig mac = EnergyAccountingTest.EDGE;
    ComponentCost plain = MacArrayFpgaCost.pes(mac.macArray());
    ComponentCost plus8 = MacArrayFpgaCost.pes(multipliers(mac, "int8").macArray());
    ComponentCost plus4 = MacArrayFpgaCost.pes(multipliers(mac, "int4").macArray());
    long pes = mac.macArray().peCount();
    if (!mac.macArray().int8Multipliers()) {
      assertEquals(pes, plus8.resources().dsp() - plain.resources().dsp());
    }
    assertEquals(plain.resources().dsp(), plus4.resources().dsp(), "int4 multiplies in fabric");
    assertTrue(plus4.resources().lut() >= plain.resources().lut() + pes * MacArrayFpgaCost.INT4_MULT_LUTS);
    assertTrue(plus4.basis().contains("ASSUMED"), plus4.basis());
  }

  @Test
  void aBadWidthNamesTheChoices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> multipliers(EnergyAccountingTest.EDGE, "int2"));
    assertTrue(e.getMessage().contains("int_multipliers"), e.getMessage());
  }
}
