package dev.tritium.simulator.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AreaModelTest {

  private static final AreaModel A45 = CostModel.preset("horowitz-45nm", 45).area();
  /** Area factor 40 -> 45 nm: geometric between AREA[45][45] = 1 and AREA[32][45] = 2.2. */
  private static final double A40_TO_45 = Math.pow(2.2, 5.0 / 13);
  private static final double E45 = 1.018 - 0.3107 + 0.1539;
  private static final double E32 = 0.8367 * 0.81 - 0.4341 * 0.9 + 0.1701;

  @Test
  void ternaryPeIsAdderSkipMuxAndRegisters() {
    double adder20 = 36 + (137 - 36) * 12.0 / 24;
    double skip20 = 50.36996 * 20 / 32 * A40_TO_45;
    double regs = (2 + 20) * 5.981433 * A40_TO_45;
    assertEquals(adder20 + skip20 + regs, A45.price(Component.ternaryPe(20)).um2(), 1e-9);
  }

  @Test
  void baselinePes() {
    assertEquals(282 + 137 + (8 + 32) * 5.981433 * A40_TO_45, A45.price(Component.intMacPe(8, 8, 32)).um2(), 1e-9);
    assertEquals(1640 + 1360 + 32 * 5.981433 * A40_TO_45, A45.price(Component.fpMacPe("fp16", "fp16")).um2(), 1e-9);
    assertEquals(1640 + 4184 + 48 * 5.981433 * A40_TO_45, A45.price(Component.fpMacPe("fp16", "fp32")).um2(), 1e-9);
  }

  @Test
  void sramBufferScalesWithBitsAndNode() {
    assertEquals(262144 * 8 * 0.5913, A45.price(Component.sramBuffer(262144)).um2(), 1e-6);
    AreaModel a7 = CostModel.preset("horowitz-45nm", 7).area();
    assertEquals(262144 * 8 * 0.5913 * 0.059, a7.price(Component.sramBuffer(262144)).um2(), 1e-6);
  }

  @Test
  void leakageDensityAndStaticEnergy() {
    LeakageDensity at40 = CostModel.preset("horowitz-45nm", 40).area().leakage();
    assertEquals(12.36378, at40.nWPerUm2(), 1e-12);
    LeakageDensity at45 = A45.leakage();
    double energyFactor = E45 / (E45 * Math.pow(E32 / E45, 5.0 / 13));
    assertEquals(12.36378 * energyFactor / A40_TO_45, at45.nWPerUm2(), 1e-9);
    // 1 mm^2 for 1 ms: density [nW/um^2] x 1e6 um^2 x 1e6 ns x 1e-6 pJ/(nW ns).
    assertEquals(at45.nWPerUm2() * 1e6, at45.staticEnergyPj(1e6, 1e6), 1e-3);
    assertEquals(at45.nWPerUm2(), at45.powerMw(1e6), 1e-12);
  }

  @Test
  void unpricedComponentNamesIt() {
    UnpricedException e = assertThrows(UnpricedException.class, () -> A45.price(Component.fpMacPe("fp8", "fp32")));
    assertEquals("fp_multiplier{format=fp8}", e.key());
    assertTrue(e.getMessage().contains("needed by fp_mac_pe{format=fp8, acc_format=fp32}"), e.getMessage());
  }
}
