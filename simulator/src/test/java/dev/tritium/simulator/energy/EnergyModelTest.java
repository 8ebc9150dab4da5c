package dev.tritium.simulator.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnergyModelTest {

  private static final EnergyModel H45 = CostModel.preset("horowitz-45nm", 45).energy();
  private static final double E45 = 1.018 - 0.3107 + 0.1539;
  private static final double E32 = 0.8367 * 0.81 - 0.4341 * 0.9 + 0.1701;
  private static final double E7 = 0.1776 * 0.49 - 0.09097 * 0.7 + 0.02447;
  private static final double E16 = 0.2958 * 0.85 * 0.85 - 0.1241 * 0.85 + 0.03024;
  /** Energy factor from Aladdin's 40 nm to 45 nm (40 nm is 5/13 of the way from 45 to 32 nm). */
  private static final double F40_TO_45 = 1 / Math.pow(E32 / E45, 5.0 / 13);

  @Test
  void sramReadInterpolatesLogLogInCapacity() {
    // 16 KB: between 8 KB (10/64) and 32 KB (20/64) the exponent is log(2)/log(4) = 0.5.
    assertEquals(10.0 / 64 * Math.sqrt(2), H45.price(Action.sramRead(16384, 64)).pJ(), 1e-12);
    // 256 KB: between 32 KB and 1 MB, exponent ln(5)/ln(32).
    double exponent = Math.log(5) / Math.log(32);
    assertEquals(20.0 / 64 * Math.pow(8, exponent), H45.price(Action.sramRead(262144, 64)).pJ(), 1e-12);
    // 2 KB: extrapolated with the first segment's exponent 0.5.
    assertEquals(10.0 / 64 * 0.5, H45.price(Action.sramRead(2048, 64)).pJ(), 1e-12);
    // Exact point; per-bit energy taken as width-independent.
    assertEquals(20.0 / 64, H45.price(Action.sramRead(32768, 256)).pJ(), 1e-15);
    assertTrue(H45.price(Action.sramRead(16384, 64)).derivation().contains("interpolated log-log"));
    assertTrue(H45.price(Action.sramRead(2048, 64)).derivation().contains("extrapolated"));
  }

  @Test
  void ternaryActionsAreAccumulatorWideAdds() {
    assertEquals(0.1, H45.price(Action.ternaryAdd(32)).pJ(), 1e-15);
    assertEquals(0.1, H45.price(Action.ternarySub(32)).pJ(), 1e-15);
    // 20 bits: linear between Horowitz's 8-bit (0.03) and 32-bit (0.1) adds.
    assertEquals(0.03 + (0.1 - 0.03) * 12 / 24, H45.price(Action.ternaryAdd(20)).pJ(), 1e-15);
    // Skip: Aladdin's 32-bit bitwise-logic energy at 40 nm, linear in width, moved to 45 nm.
    assertEquals(0.0180559 * 20 / 32 * F40_TO_45, H45.price(Action.ternarySkip(20)).pJ(), 1e-12);
    PricedAction add = H45.price(Action.ternaryAdd(20));
    assertEquals(2, add.sources().size());
    assertTrue(add.source().contains("Horowitz ISSCC 2014"), add.source());
  }

  @Test
  void macRecipes() {
    assertEquals(0.2 + 0.1, H45.price(Action.intMac(8, 8, 32)).pJ(), 1e-15);
    // int4 x int8: the multiplier as a sqrt(32)-bit symmetric one, power law through 8 and 32 bits.
    double exponent = Math.log(3.1 / 0.2) / Math.log(4);
    assertEquals(0.2 * Math.pow(Math.sqrt(32) / 8, exponent) + 0.1, H45.price(Action.intMac(4, 8, 32)).pJ(), 1e-12);
    assertEquals(1.1 + 0.4, H45.price(Action.fpMac("fp16", "fp16")).pJ(), 1e-15);
    assertEquals(1.1 + 0.9, H45.price(Action.fpMac("fp16", "fp32")).pJ(), 1e-15);
    assertEquals(0.03 + 0.07 * 8 / 24, H45.price(Action.lutBuildAdd(16)).pJ(), 1e-15);
    assertEquals(16 * 0.008999495 * F40_TO_45, H45.price(Action.lutLookup(16)).pJ(), 1e-12);
  }

  @Test
  void vectorFunctionsAreStatedOpCounts() {
    assertEquals(7 * 3.7 + 6 * 0.9, H45.price(Action.fpFunc("exp", "fp32")).pJ(), 1e-12);
    assertEquals(0.9, H45.price(Action.fpFunc("max", "fp32")).pJ(), 1e-15);
    assertEquals(5 * 3.7 + 2 * 0.9, H45.price(Action.fpFunc("div", "fp32")).pJ(), 1e-12);
    assertTrue(H45.price(Action.fpFunc("exp", "fp32")).derivation().contains("ASSUMPTION"));
    UnpricedException e = assertThrows(UnpricedException.class, () -> H45.price(Action.fpFunc("tanh", "fp32")));
    assertEquals("fp_func{format=fp32, op=tanh}", e.key());
    CostTable measured = CostTables.parse("""
        table: measured
        energy:
          - {action: fp_func, op: exp, format: fp32, pJ: 9.5, node_nm: 45, source: "our exp unit"}
        """, "measured.yaml");
    EnergyModel m = CostModel.preset("horowitz-45nm", 45).withUserTables(List.of(measured)).energy();
    assertEquals(9.5, m.price(Action.fpFunc("exp", "fp32")).pJ());
  }

  @Test
  void sramPointsOfTheAskedWidthArePreferred() {
    CostTable widths = CostTables.parse("""
        table: widths
        energy:
          - {action: sram_read, capacity_bytes: 8192, width_bits: 64, pJ_per_bit: 0.2, node_nm: 45, source: "a"}
          - {action: sram_read, capacity_bytes: 8192, width_bits: 256, pJ_per_bit: 0.1, node_nm: 45, source: "b"}
          - {action: sram_read, capacity_bytes: 32768, width_bits: 256, pJ_per_bit: 0.2, node_nm: 45, source: "c"}
        """, "widths.yaml");
    EnergyModel m = CostModel.preset("horowitz-45nm", 45).withUserTables(List.of(widths)).energy();
    assertEquals(0.1 * Math.sqrt(2), m.price(Action.sramRead(16384, 256)).pJ(), 1e-12);
    // Only one 64-bit point: the single-point rule (x/x0)^0.5 from 8 KB.
    assertEquals(0.2 * Math.sqrt(2), m.price(Action.sramRead(16384, 64)).pJ(), 1e-12);
  }

  @Test
  void dramIsNotNodeScaled() {
    EnergyModel h7 = CostModel.preset("horowitz-45nm", 7).energy();
    assertEquals(8.0, h7.price(Action.dramRead("lpddr4")).pJ());
    assertEquals(3.9, h7.price(Action.dramWrite("hbm2")).pJ());
    assertEquals(44.8, h7.price(Action.dramRead("DDR4")).pJ(), 1e-12);
    assertEquals(8.0 * 4096, h7.energyPj(Action.dramRead("lpddr4"), 4096));
  }

  @Test
  void bitnetPresetUsesPublishedFiguresAtTheirNode() {
    EnergyModel b7 = CostModel.preset("bitnet-table2", 7).energy();
    assertEquals(0.16, b7.price(Action.fpAdd("fp16")).pJ());
    assertEquals(0.34 + 0.16, b7.price(Action.fpMac("fp16", "fp16")).pJ(), 1e-15);
    assertEquals(0.007, b7.price(Action.intAdd(8)).pJ());
    // The BitNet table takes over the whole int_add family: a 32-bit add scales its 8-bit one by width,
    // never mixing in Horowitz's 32-bit figure.
    assertEquals(0.007 * 32 / 8, b7.price(Action.ternaryAdd(32)).pJ(), 1e-15);
    // 16 nm is nearer to 7 nm than to 45 nm (log distance): the 7 nm entry scaled up.
    EnergyModel b16 = CostModel.preset("bitnet-table2", 16).energy();
    assertEquals(0.16 * E16 / E7, b16.price(Action.fpAdd("fp16")).pJ(), 1e-12);
    // Families the BitNet table lacks come from Horowitz.
    assertEquals(10.0 / 64 * E7 / E45, b7.price(Action.sramRead(8192, 64)).pJ(), 1e-12);
  }

  @Test
  void unpricedActionIsAnErrorNamingIt() {
    UnpricedException e = assertThrows(UnpricedException.class, () -> H45.price(Action.dramRead("lpddr5")));
    assertEquals("dram_read{kind=lpddr5}", e.key());
    assertTrue(e.getMessage().contains("no energy table prices dram_read{kind=lpddr5}"), e.getMessage());
    assertTrue(e.getMessage().contains("horowitz-isscc2014"), e.getMessage());
    UnpricedException viaRecipe = assertThrows(UnpricedException.class,
        () -> H45.price(Action.fpMac("fp8", "fp16")));
    assertEquals("fp_mult{format=fp8}", viaRecipe.key());
    assertTrue(viaRecipe.getMessage().contains("needed by fp_mac{format=fp8, acc_format=fp16}"),
        viaRecipe.getMessage());
  }

  @Test
  void userTableTakesOverAFamilyAndPricesNewKinds() {
    CostTable user = CostTables.parse("""
        table: my-lab
        energy:
          - {action: int_add, bits: 16, pJ: 0.05, node_nm: 45, source: "our 45 nm synthesis"}
          - {action: dram_read, kind: lpddr5, pJ_per_bit: 5, source: "vendor datasheet"}
        """, "my-lab.yaml");
    EnergyModel m = CostModel.preset("horowitz-45nm", 45).withUserTables(List.of(user)).energy();
    assertEquals(0.05, m.price(Action.ternaryAdd(16)).pJ(), 1e-15);
    assertEquals(0.05 * 32 / 16, m.price(Action.ternaryAdd(32)).pJ(), 1e-15);
    assertEquals(5.0, m.price(Action.dramRead("lpddr5")).pJ());
    assertTrue(m.price(Action.dramRead("lpddr5")).source().contains("my-lab.yaml:4"));
    assertEquals(0.2, m.price(Action.intMult(8)).pJ(), "other families still from Horowitz");
  }

  @Test
  void describeNamesLawAndReferenceNodes() {
    String d = CostModel.preset("horowitz-45nm", 7).describe();
    assertTrue(d.contains("at 7 nm"), d);
    assertTrue(d.contains("Stillmaker & Baas 2017"), d);
    assertTrue(d.contains("reference nodes of the entries: 45 nm, 40 nm"), d);
  }
}
