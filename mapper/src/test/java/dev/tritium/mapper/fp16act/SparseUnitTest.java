package dev.tritium.mapper.fp16act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.models.format.QuantizedMatrix;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.accounting.AreaAccounting;
import dev.tritium.simulator.energy.accounting.EnergyAccounting;
import dev.tritium.simulator.energy.accounting.EnergyReport;
import dev.tritium.simulator.fit.FpgaFit;
import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.simulator.functional.Fp32Op;
import dev.tritium.simulator.unit.sparse.SparseUnitConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The sparse outlier path knob: GEMM.SP on the vector lanes (no {@code sparse_unit}) or on a sparse unit of its own
 * lanes. The values are the same bit for bit; the outlier instructions take ceil(m E / lanes) + latency cycles on
 * whichever unit runs them, the energy and area land on that unit, and fpga-fit counts the unit.
 */
class SparseUnitTest {

  static final ArchConfig LANES = FloatLinearCrossCheckTest.ARCH;
  static final ArchConfig UNIT = LANES.withSparseUnit(new SparseUnitConfig(128, 6));

  private static SimulationResult run(ArchConfig arch, FloatLinearPlan plan, int tokens) {
    SimulationRunner runner = new SimulationRunner(arch);
    CompiledFloatLinear c = new FloatLinearLowering(runner.target()).compile(plan, tokens);
    return runner.timingOnly(c.program());
  }

  @Test
  void pbLlmOnASparseUnitIsBitExactAndFaster() {
    FormatPreset f = FormatPresets.parse("pb-llm:salient=0.1");
    CrossCheckReport lanes = new FloatLinearCrossCheck(LANES).run("lanes", f, 2, 256, 512, 7, 3,
        new FloatMutation.None());
    CrossCheckReport unit = new FloatLinearCrossCheck(UNIT).run("unit", f, 2, 256, 512, 7, 3,
        new FloatMutation.None());
    assertTrue(lanes.passed(), lanes.render());
    assertTrue(unit.passed(), unit.render());
    assertTrue(unit.render().contains("outlier multiply-adds"), unit.render());
    CrossCheckReport moved = new FloatLinearCrossCheck(UNIT).run("unit", f, 1, 64, 96, 7, 3,
        new FloatMutation.OutlierColumn());
    assertFalse(moved.passed(), moved.render());

    QuantizedMatrix m = FloatLinearCrossCheck.weights(f, 256, 512, 7, 3);
    FloatLinearPlan plan = FloatLinearPlan.of(f.name(), m);
    SimulationResult onLanes = run(LANES, plan, 2);
    SimulationResult onUnit = run(UNIT, plan, 2);
    assertEquals(0, onLanes.stats().unit("sparse_unit").instructions());
    long gemmSp = onUnit.stats().unit("sparse_unit").instructions();
    assertTrue(gemmSp > 0);
    assertEquals(onLanes.stats().unit("vector_unit").instructions() - gemmSp,
        onUnit.stats().unit("vector_unit").instructions(), "GEMM.SP moved from the lanes to the sparse unit");
    // 2 tokens x entries over 128 lanes instead of 32: the outliers' busy cycles fall about fourfold
    long entries = plan.outliers().orElseThrow().rowStart()[plan.rows()];
    long unitBusy = onUnit.stats().unit("sparse_unit").busyCycles();
    assertTrue(unitBusy >= 2 * entries / 128 && unitBusy <= 2 * entries / 128 + gemmSp * 7 + 64, "busy " + unitBusy
        + " for " + 2 * entries + " entry-token pairs on 128 lanes");
    long lanesSpBusy = onLanes.stats().unit("vector_unit").busyCycles() - onUnit.stats().unit("vector_unit").busyCycles();
    assertTrue(unitBusy * 3 < lanesSpBusy, unitBusy + " on the unit vs " + lanesSpBusy + " on the lanes");
    assertEquals(2 * entries, onUnit.counts().fp32Ops(Fp32Op.SPARSE_MAC));
    // On edge-fpga's 256-bit VEC port the sign-add path is port-bound (fp32 activations, sums and gathered outlier
    // activations all stream through VEC), so the unit's speed shows once the port is wider: 16 tokens, 4096 bits.
    ArchConfig wide = ArchKeys.with(LANES, "buffers.output.width_bits", "4096");
    long wideLanes = run(wide, plan, 16).cycles();
    long wideUnit = run(wide.withSparseUnit(new SparseUnitConfig(128, 6)), plan, 16).cycles();
    assertTrue(wideUnit < wideLanes, wideUnit + " vs " + wideLanes);
  }

  @Test
  void energyAreaAndFpgaCostLandOnTheSparseUnit() {
    FormatPreset f = FormatPresets.parse("pb-llm:salient=0.1");
    FloatLinearPlan plan = FloatLinearPlan.of(f.name(), FloatLinearCrossCheck.weights(f, 128, 256, 7, 3));
    CostModel cost = CostModel.preset("horowitz-45nm", 45);
    EnergyReport lanes = EnergyAccounting.price(run(LANES, plan, 1).counts(), LANES, cost, 0);
    EnergyReport unit = EnergyAccounting.price(run(UNIT, plan, 1).counts(), UNIT, cost, 0);
    long entries = plan.outliers().orElseThrow().rowStart()[plan.rows()];
    assertEquals(entries, lanes.entry("vector_unit.index_decode").orElseThrow().count());
    assertEquals(entries, unit.entry("sparse_unit.outlier_mul").orElseThrow().count());
    assertEquals(entries, unit.entry("sparse_unit.index_decode").orElseThrow().count());
    assertTrue(unit.entry("vector_unit.outlier_mul").isEmpty());
    // Horowitz 45 nm: fp32 multiply 3.7 pJ, fp32 add 0.9 pJ, int32 add 0.1 pJ per entry, either unit
    assertEquals(entries * (3.7 + 0.9 + 0.1), unit.entry("sparse_unit.outlier_mul").orElseThrow().totalPj()
        + unit.entry("sparse_unit.outlier_add").orElseThrow().totalPj()
        + unit.entry("sparse_unit.index_decode").orElseThrow().totalPj(), 1e-6);
    assertEquals(0.0, AreaAccounting.of(LANES, cost).um2Of("sparse_unit"), 0.0);
    assertEquals(128 * (cost.area().price(
        dev.tritium.simulator.energy.Component.fpMultiplier("fp32")).um2() + cost.area().price(
        dev.tritium.simulator.energy.Component.fpAdder("fp32")).um2() + cost.area().price(
        dev.tritium.simulator.energy.Component.intAdder(32)).um2()), AreaAccounting.of(UNIT, cost).um2Of("sparse_unit"),
        1e-6);
    long dspLanes = FpgaFit.estimate(LANES, FpgaPart.KV260).total().dsp();
    long dspUnit = FpgaFit.estimate(UNIT, FpgaPart.KV260).total().dsp();
    assertEquals(128 * 5, dspUnit - dspLanes, "per lane: PG060 fp32 multiply (3 DSP) and add (2 DSP)");
    assertEquals(128 * 5, FpgaFit.estimate(UNIT, FpgaPart.KV260).component("sparse_unit").dsp());
  }

  @Test
  void theKnobIsAnArchKeyWithBoundsAndTheExampleReadsBack() throws Exception {
    ArchConfig swept = ArchKeys.with(LANES, "sparse_unit.lanes", "64");
    assertEquals(64, swept.sparseUnit().lanes());
    assertEquals(SparseUnitConfig.DEFAULT_LATENCY_CYCLES, swept.sparseUnit().opLatencyCycles());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ArchConfigs.validate(LANES.withSparseUnit(new SparseUnitConfig(0, 6)), "t.yaml"));
    assertTrue(e.getMessage().contains("sparse_unit.lanes"), e.getMessage());
    ArchConfig example = ArchConfigs.load(Path.of("..", "examples", "arch", "edge-fpga-sparse-unit.yaml"));
    assertEquals(64, example.sparseUnit().lanes());
    assertEquals(ArchKeys.with(example, "sparse_unit.lanes", "128").sparseUnit().lanes(), 128);
  }
}
