package dev.tritium.mapper.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.GroupRun;
import dev.tritium.mapper.model.ModelEstimate;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.mapper.schedule.ProjectionLowering;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.Activation;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.EnergyModel;
import dev.tritium.simulator.energy.accounting.CompulsoryTraffic;
import dev.tritium.simulator.energy.accounting.EnergyAccounting;
import dev.tritium.simulator.energy.accounting.EnergyEntry;
import dev.tritium.simulator.energy.accounting.EnergyReport;
import dev.tritium.simulator.energy.accounting.MemoryOverhead;
import dev.tritium.simulator.engine.Machine;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelEnergyTest {

  /** A 2B-4T-shaped model shrunk 10x in width, 2 layers: simulates in well under a second. */
  static final ModelConfig SMALL = new ModelConfig("small-2b4t-shape", 256, 704, 2, 4, 2, 64, 1000, 500000, 1e-5,
      Activation.RELU2, true, true, 4096);
  static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga-mac");
  static final CostModel COST = CostModel.preset("horowitz-45nm", EDGE.technologyNodeNm());
  static final ModelEnergyReport DECODE = new ModelEnergy(SMALL, EDGE, ComputeUnit.MAC, COST).run(LayerShape.decode(16));
  /** Its own estimator and decode estimate, for the tests that price an estimate directly. */
  static final ModelEstimator ESTIMATOR = new ModelEstimator(SMALL, EDGE, ComputeUnit.MAC);
  static final ModelEstimate ESTIMATE = ESTIMATOR.estimate(LayerShape.decode(16));

  static ProjectionLowering lowering() {
    return new ProjectionLowering(Machine.isaTarget(EDGE), ComputeUnit.MAC);
  }

  static long projectionWeights(ModelConfig c) {
    long w = 0;
    for (LayerKind k : LayerKind.projections()) {
      w += (long) k.outFeatures(c) * k.inFeatures(c);
    }
    return w * c.numLayers();
  }

  @Test
  void everyProjectionWeightMeetsTheDecodeTokenOnce() {
    EnergyReport t = DECODE.total();
    long pairs = t.entry("mac_array.ternary_add").orElseThrow().count()
        + t.entry("mac_array.ternary_sub").orElseThrow().count()
        + t.entry("mac_array.ternary_skip").orElseThrow().count();
    // q 256x256, k/v 128x256, o 256x256, gate/up 704x256, down 256x704; two layers.
    assertEquals(2L * (256 * 256 + 2 * 128 * 256 + 256 * 256 + 2 * 704 * 256 + 256 * 704), pairs);
    assertEquals(projectionWeights(SMALL), pairs);
    assertTrue(t.entry("mac_array.ternary_add").orElseThrow().countBasis().startsWith("ASSUMED"));
  }

  @Test
  void totalIsTheSumOfGroupsAndEntriesAreCountTimesTable() {
    EnergyModel e = COST.energy();
    double sum = 0;
    for (GroupRun g : DECODE.groups()) {
      for (EnergyEntry x : g.energy().entries()) {
        assertEquals(x.count() * e.price(x.action()).pJ(), x.totalPj(), 1e-9 * Math.max(1, x.totalPj()));
      }
      sum += g.energy().dynamicPj();
    }
    assertEquals(sum, DECODE.total().dynamicPj(), 1e-6 * sum);
    assertEquals(List.of("embedding", "final_norm", "lm_head"), DECODE.groups().stream().map(GroupRun::group)
        .filter(g -> !g.contains("_proj") && !List.of("act_quant", "attention", "rope", "norms", "ffn_act",
            "residual").contains(g)).toList());
    double runtimeNs = DECODE.latencyMs() * 1e6;
    assertEquals(DECODE.area().totalUm2() * DECODE.area().leakageNWPerUm2() * runtimeNs * 1e-6,
        DECODE.total().staticPj(), 1e-9 * DECODE.total().staticPj());
    assertEquals(DECODE.estimate().totalMs(), DECODE.latencyMs());
  }

  @Test
  void decodeIsDominatedByDramAndWeightsAreReadOnce() {
    EnergyReport t = DECODE.total();
    assertTrue(t.levelPj(dev.tritium.simulator.energy.accounting.EnergyLevel.DRAM) > t.computePj());
    long packed = DECODE.footprint().projectionBytes();
    // Every packed weight byte is loaded once into the weight buffer.
    long wgtWrites = t.entry("sram.weight.write_bits").orElseThrow().count() / 8;
    assertEquals(packed, wgtWrites);
    List<MemoryOverhead> o = EnergyAccounting.overhead(t, new CompulsoryTraffic(packed, 0, 0, 0));
    assertTrue(o.get(0).excessBytes() >= 0, "DRAM reads at least the packed weights: " + o.get(0));
    assertEquals(o.get(0).actualBytes(), (t.entry("dram.read_bits").orElseThrow().count()
        + t.entry("dram.burst_padding_bits").map(EnergyEntry::count).orElse(0L)) / 8);
  }

  @Test
  void footprintOfTernaryBase3Weights() {
    ModelFootprint f = DECODE.footprint();
    assertEquals(projectionWeights(SMALL), f.projectionWeights());
    // base-3: 5 weights per byte, rows byte-aligned: ceil(256/5) = 52, ceil(704/5) = 141 bytes per row.
    long perLayer = 256 * 52 + 2 * 128 * 52 + 256 * 52 + 2 * 704 * 52 + 256 * 141;
    assertEquals(2 * perLayer, f.projectionBytes());
    assertEquals(lowering().packing().modelsName().isEmpty(), false);
    // bf16: tied embeddings 1000 x 256, per layer 2 norms of 256 + sub-norms 256 + 704, final norm 256.
    assertEquals(2L * (1000 * 256 + 2 * (2 * 256 + 256 + 704) + 256), f.otherBf16Bytes());
  }

  @Test
  void estimateTableAndEnergySplitAgreeAndShareOneSimulation() {
    ModelEstimate e = ESTIMATE;
    ModelEnergyReport r = new ModelEnergy(ESTIMATOR).run(DECODE.shape(), e);
    // The table's energy column, row by row and in total, is the split's dynamic energy.
    assertEquals(e.rows().size(), r.groups().size());
    for (int i = 0; i < e.rows().size(); i++) {
      assertEquals(e.rows().get(i).group(), r.groups().get(i).group());
      assertEquals(e.rows().get(i).energyPj(), r.groups().get(i).energy().dynamicPj(), 0.0);
      assertSame(e.groups().get(i).run(), r.groups().get(i).run(), "priced from the estimate's own run");
    }
    assertEquals(e.totalEnergyPj(), r.total().dynamicPj(), 1e-9 * e.totalEnergyPj());
    // It includes the ternary datapath (ASSUMED weight mix): every projection weight once per token.
    long pairs = e.groups().stream().mapToLong(g -> g.energy().entries().stream()
        .filter(x -> x.actionClass().startsWith("mac_array.ternary_")).mapToLong(EnergyEntry::count).sum()).sum();
    assertEquals(projectionWeights(SMALL), pairs);
    double qProjTernaryPj = e.groups().stream().filter(g -> g.group().equals("q_proj")).findFirst().orElseThrow()
        .energy().pjOf("mac_array.ternary_");
    assertTrue(qProjTernaryPj > 0);
  }

  @Test
  void anotherCostModelRepricesTheSameRuns() {
    ModelEstimate e = ESTIMATE;
    CostModel bitnet = CostModel.preset("bitnet-table2", EDGE.technologyNodeNm());
    ModelEnergyReport r = new ModelEnergy(SMALL, EDGE, ComputeUnit.MAC, bitnet, ESTIMATOR).run(DECODE.shape(), e);
    EnergyModel m = bitnet.energy();
    for (int i = 0; i < e.groups().size(); i++) {
      GroupRun g = r.groups().get(i);
      assertSame(e.groups().get(i).run(), g.run());
      for (EnergyEntry x : g.energy().entries()) {
        assertEquals(x.count() * m.price(x.action()).pJ(), x.totalPj(), 1e-9 * Math.max(1, x.totalPj()));
      }
    }
    // int8 MACs of attention and the LM head are priced by BitNet's int8 table there, Horowitz's here.
    assertNotEquals(e.totalEnergyPj(), r.total().dynamicPj());
  }
}
