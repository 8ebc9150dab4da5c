package dev.tritium.simulator.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class StillmakerBaas2017Test {

  private static final StillmakerBaas2017 LAW = StillmakerBaas2017.NOMINAL;

  // E(45 nm HP, 1.0 V) = 1.018 - 0.3107 + 0.1539; E(7 nm HP, 0.7 V) = 0.1776*0.49 - 0.09097*0.7 + 0.02447.
  private static final double E45 = 1.018 - 0.3107 + 0.1539;
  private static final double E7 = 0.1776 * 0.49 - 0.09097 * 0.7 + 0.02447;
  private static final double E32 = 0.8367 * 0.81 - 0.4341 * 0.9 + 0.1701;

  @Test
  void fittedEnergyAtNominalSupply() {
    assertEquals(0.8612, StillmakerBaas2017.fittedEnergy(45), 1e-12);
    assertEquals(0.047815, StillmakerBaas2017.fittedEnergy(7), 1e-12);
    assertEquals(24.64 * 1.8 - 17.98, StillmakerBaas2017.fittedEnergy(180), 1e-12);
  }

  @Test
  void int8AddFrom45To7Nm() {
    double factor = LAW.energyFactor(45, 7);
    assertEquals(E7 / E45, factor, 1e-12);
    assertEquals(0.05552, factor, 5e-6);
    // Horowitz's 0.03 pJ int8 add at 7 nm under the default preset.
    double pJ = CostModel.preset("horowitz-45nm", 7).energy().price(Action.intAdd(8)).pJ();
    assertEquals(0.03 * E7 / E45, pJ, 1e-15);
  }

  @Test
  void untabulatedNodeIsGeometricBetweenNeighbours() {
    // 40 nm lies 5/13 of the way from 45 to 32 nm.
    double e40 = E45 * Math.pow(E32 / E45, 5.0 / 13);
    assertEquals(e40 / E45, LAW.energyFactor(45, 40), 1e-12);
    // Area 40 -> 45: between AREA[45][45] = 1 and AREA[32][45] = 2.2.
    assertEquals(Math.pow(2.2, 5.0 / 13), LAW.areaFactor(40, 45), 1e-12);
  }

  @Test
  void areaTableEntries() {
    assertEquals(0.059, LAW.areaFactor(45, 7), 0);
    assertEquals(17, LAW.areaFactor(7, 45), 0);
    assertEquals(0.46, LAW.areaFactor(45, 32), 0);
    assertEquals(1, LAW.areaFactor(16, 16), 0);
  }

  @Test
  void refusesNodesOutsideTheLaw() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LAW.energyFactor(45, 5));
    assertTrue(e.getMessage().contains("5 nm") && e.getMessage().contains("7-180"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LAW.areaFactor(250, 45));
    assertThrows(IllegalArgumentException.class, () -> CostModel.preset("horowitz-45nm", 3));
  }

  @Property(tries = 200, seed = "20251123")
  void energyShrinksWithTheNodeAndRoundTrips(@ForAll @IntRange(min = 7, max = 180) int a,
      @ForAll @IntRange(min = 7, max = 180) int b) {
    double ab = LAW.energyFactor(a, b);
    assertEquals(1.0, ab * LAW.energyFactor(b, a), 1e-12);
    if (a > b) {
      assertTrue(ab < 1, a + "->" + b + " gave " + ab);
    }
  }
}
