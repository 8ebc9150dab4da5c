package dev.tritium.mapper.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.LoopOrder;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.energy.Action;
import dev.tritium.simulator.energy.CostModel;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The cross-check's energy rows, priced by the simulator's EnergyAccounting: a clean run passes every
 * energy row with the table's unit price, and a weight changed in DRAM (0 -> +1) fails exactly the
 * ternary add and skip energy rows that its counts move.
 */
class EnergyRowsTest {

  private static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga-mac");
  private static final BitLinearCrossCheck CHECK = new BitLinearCrossCheck(EDGE);
  private static final BitLinearCase CASE = BitLinearCase.seeded("energy", 1, 160, 160, 1L, 0L);
  private static final Mapping MAC = new Mapping(ComputeUnit.MAC, Packing.BASE3, 1, 160, 160, 80, 160, LoopOrder.N_OUTER);

  private static List<CheckRow> energyRows(CrossCheckReport r) {
    return r.rows().stream().filter(x -> x.check().startsWith("energy ")).toList();
  }

  @Test
  void everyEnergyRowPassesWithTheTablePrice() {
    CrossCheckReport r = CHECK.run(CASE, MAC);
    assertTrue(r.passed(), r.render());
    double addPj = CostModel.preset(CostModel.DEFAULT_PRESET, EDGE.technologyNodeNm()).energy()
        .price(Action.ternaryAdd(EDGE.macArray().accumulatorBits())).pJ();
    CheckRow add = energyRows(r).stream().filter(x -> x.check().startsWith("energy mac_array.ternary_add"))
        .findFirst().orElseThrow();
    assertEquals("energy mac_array.ternary_add pJ = count x " + String.format(Locale.ROOT, "%.6g", addPj),
        add.check());
    long adds = Long.parseLong(r.rows().stream().filter(x -> x.check().startsWith("mac_array ternary adds"))
        .findFirst().orElseThrow().expected());
    assertEquals(String.format(Locale.ROOT, "%.6g", adds * addPj), add.actual());
    assertTrue(energyRows(r).stream().anyMatch(x -> x.check().startsWith("energy total pJ")
        && x.verdict() == Verdict.INFO && Double.parseDouble(x.actual()) > 0));
  }

  @Test
  void aChangedWeightFailsTheEnergyRowsOfTheCountsItMoves() {
    byte[] w = CASE.weights().values();
    int zero = 0;
    while (w[zero] != 0) {
      zero++;
    }
    int cols = CASE.weights().cols();
    CrossCheckReport r = CHECK.run(CASE, MAC, new Mutation.DramWeight(zero / cols, zero % cols));
    List<String> failed = energyRows(r).stream().filter(x -> x.verdict() == Verdict.FAIL)
        .map(x -> x.check().substring(0, x.check().indexOf(" pJ"))).toList();
    assertEquals(List.of("energy mac_array.ternary_add", "energy mac_array.ternary_skip"), failed, r.render());
  }
}
