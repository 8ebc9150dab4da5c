package dev.tritium.simulator.energy.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.unit.mac.WeightDatatype;
import dev.tritium.simulator.unit.mac.ZeroSkip;
import dev.tritium.simulator.energy.Action;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.EnergyModel;
import dev.tritium.simulator.unit.mac.MacDatapaths;
import dev.tritium.simulator.functional.ActionCounts;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** For any counts and node, baseline / ternary arithmetic energy is the ratio of the table entries. */
class BaselineRatioPropertyTest {

  @Property(tries = 100, seed = "20261123")
  void arithmeticRatioIsTheTableRatio(@ForAll @LongRange(min = 0, max = 1L << 40) long adds,
      @ForAll @LongRange(min = 0, max = 1L << 40) long subs, @ForAll @LongRange(min = 0, max = 1L << 40) long skips,
      @ForAll @IntRange(min = 7, max = 180) int node, @ForAll WeightDatatype baseline, @ForAll boolean bitnetTable) {
    if (adds + subs + skips == 0 || baseline == WeightDatatype.TERNARY) {
      return;
    }
    CostModel cost = CostModel.preset(bitnetTable ? "bitnet-table2" : "horowitz-45nm", node);
    EnergyModel e = cost.energy();
    ArchConfig ternaryArch = EnergyAccountingTest.EDGE;
    ArchConfig baseArch = EnergyAccountingTest.withWeights(ternaryArch, baseline, ZeroSkip.ENERGY);
    ActionCounts c = Counts.of(Counts.pairs(adds, subs, skips), 0, Map.of(), 0, 0, 0, 0, 0);
    double t = new EnergyAccounting(ternaryArch, cost).price(c, 0).pjOf("mac_array.");
    double b = new EnergyAccounting(baseArch, cost).price(c, 0).pjOf("mac_array.");
    double mac = e.price(MacDatapaths.macAction(baseline, 32, AreaAccounting.FP16_BASELINE_ACC_FORMAT)).pJ();
    double expected = (adds + subs + skips) * mac / (adds * e.price(Action.ternaryAdd(32)).pJ()
        + subs * e.price(Action.ternarySub(32)).pJ() + skips * e.price(Action.ternarySkip(32)).pJ());
    assertEquals(expected, b / t, 1e-9 * expected);
  }
}
