package dev.tritium.simulator.unit.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tritium.simulator.energy.Action;
import dev.tritium.simulator.energy.Component;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.CostTable;
import dev.tritium.simulator.energy.CostTables;
import dev.tritium.simulator.energy.EnergyModel;
import dev.tritium.simulator.energy.StillmakerBaas2017;
import dev.tritium.simulator.energy.UnpricedException;
import dev.tritium.simulator.unit.mac.MacDatapaths;
import dev.tritium.simulator.unit.mac.WeightDatatype;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MacDatapathsTest {

  private static final EnergyModel H45 = CostModel.preset("horowitz-45nm", 45).energy();

  @Test
  void fp16BaselineOverTernaryIsTheRatioOfTableEntries() {
    long adds = 3_000_000;
    long subs = 2_000_000;
    double ternary = MacDatapaths.ternary(H45, 32, adds, subs, 0).totalPj();
    double fp16 = MacDatapaths.baseline(H45, WeightDatatype.FP16, 32, "fp16", adds + subs).totalPj();
    // (fp16 mult 1.1 + fp16 add 0.4) / int32 add 0.1
    assertEquals((1.1 + 0.4) / 0.1, fp16 / ternary, 1e-9);
  }

  @Property(tries = 50, seed = "5")
  void ratioHoldsForAnyMix(@ForAll @LongRange(min = 0, max = 1_000_000) long adds,
      @ForAll @LongRange(min = 0, max = 1_000_000) long subs, @ForAll @LongRange(min = 1, max = 1_000_000) long skips) {
    EnergyModel m = CostModel.preset("bitnet-table2", 7).energy();
    double skip = m.price(Action.ternarySkip(24)).pJ();
    double add = 0.007 * 24 / 8; // BitNet INT8 ADD at 7 nm, scaled to 24 bits
    double ternary = MacDatapaths.ternary(m, 24, adds, subs, skips).totalPj();
    double fp16 = MacDatapaths.baseline(m, WeightDatatype.FP16, 24, "fp16", adds + subs + skips).totalPj();
    double expected = (adds + subs + skips) * (0.34 + 0.16) / ((adds + subs) * add + skips * skip);
    assertEquals(expected, fp16 / ternary, 1e-9 * expected);
  }

  @Test
  void integerBaselines() {
    assertEquals(1000 * (0.2 + 0.1), MacDatapaths.baseline(H45, WeightDatatype.INT8, 32, "fp16", 1000).totalPj(), 1e-9);
    assertEquals(Action.intMac(4, 8, 32), MacDatapaths.macAction(WeightDatatype.INT4, 32, "fp16"));
    assertEquals(Component.ternaryPe(20), MacDatapaths.processingElement(WeightDatatype.TERNARY, 20, "fp16"));
    assertThrows(IllegalArgumentException.class, () -> MacDatapaths.macAction(WeightDatatype.TERNARY, 32, "fp16"));
  }

  @Test
  void actionsNeverPerformedNeedNoPrice() {
    CostTable addsOnly = CostTables.parse("""
        table: adds-only
        energy:
          - {action: int_add, bits: 8, pJ: 0.03, node_nm: 45, source: "test"}
        """, "adds-only.yaml");
    EnergyModel m = new CostModel("t", java.util.List.of(addsOnly), StillmakerBaas2017.NOMINAL, 45).energy();
    assertEquals(0.03 * 10, MacDatapaths.ternary(m, 8, 6, 4, 0).totalPj(), 1e-12);
    assertThrows(UnpricedException.class, () -> MacDatapaths.ternary(m, 8, 6, 4, 1));
  }
}
