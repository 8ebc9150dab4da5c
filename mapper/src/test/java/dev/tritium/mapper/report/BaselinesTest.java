package dev.tritium.mapper.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.mapper.model.GroupRun;
import dev.tritium.simulator.unit.mac.WeightDatatype;
import dev.tritium.simulator.energy.Action;
import dev.tritium.simulator.energy.EnergyModel;
import dev.tritium.simulator.energy.accounting.EnergyReport;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselinesTest {

  static final ModelEnergyReport T = ModelEnergyTest.DECODE;

  static BaselineComparison compare(WeightDatatype dt) {
    return Baselines.compare(T, ModelEnergyTest.SMALL, ModelEnergyTest.EDGE, ModelEnergyTest.lowering(),
        ModelEnergyTest.COST, dt);
  }

  @Test
  void fp16ArithmeticRatioIsTheRatioOfTableEntries() {
    BaselineComparison c = compare(WeightDatatype.FP16);
    EnergyModel e = ModelEnergyTest.COST.energy();
    EnergyReport t = T.total();
    long adds = t.entry("mac_array.ternary_add").orElseThrow().count();
    long subs = t.entry("mac_array.ternary_sub").orElseThrow().count();
    long skips = t.entry("mac_array.ternary_skip").orElseThrow().count();
    double ternary = adds * e.price(Action.ternaryAdd(32)).pJ() + subs * e.price(Action.ternarySub(32)).pJ()
        + skips * e.price(Action.ternarySkip(32)).pJ();
    double fp16 = (adds + subs + skips) * e.price(Action.fpMac("fp16", "fp16")).pJ();
    assertEquals(ternary, Baselines.matmulPj(t), 1e-9 * ternary);
    assertEquals(fp16, Baselines.matmulPj(c.baseline().total()), 1e-9 * fp16);
    assertEquals(fp16 / ternary, Baselines.matmulPj(c.baseline().total()) / Baselines.matmulPj(t), 1e-9);
    // Everything that is not the BitLinear arithmetic or weight traffic is the same on both sides.
    assertEquals(t.pjOf("vector_unit."), c.baseline().total().pjOf("vector_unit."), 1e-9);
    assertEquals(t.pjOf("mac_array.int8_mac"), c.baseline().total().pjOf("mac_array.int8_mac"), 1e-9);
    assertEquals(t.levelPj(dev.tritium.simulator.energy.accounting.EnergyLevel.sram("activation")),
        c.baseline().total().levelPj(dev.tritium.simulator.energy.accounting.EnergyLevel.sram("activation")), 1e-9);
  }

  @Test
  void weightBytesGrowByTheStorageRatioAndAddDramTime() {
    BaselineComparison c = compare(WeightDatatype.FP16);
    long weights = ModelEnergyTest.projectionWeights(ModelEnergyTest.SMALL);
    long ternaryBytes = T.footprint().projectionBytes();
    // fp16: 2 bytes per weight; every weight is loaded once per decode token.
    assertEquals(2 * weights - ternaryBytes, c.extraDramBytes());
    assertEquals(2 * weights, c.baseline().footprint().projectionBytes());
    assertEquals(2 * weights, c.baseline().total().entry("sram.weight.write_bits").orElseThrow().count() / 8);
    double bytesPerMs = ModelEnergyTest.EDGE.dram().peakBandwidthGBps() * 1e6;
    assertEquals(T.latencyMs() + c.extraDramBytes() / bytesPerMs, c.latencySerialisedMs(), 1e-12);
    assertTrue(T.latencyMs() <= c.baseline().latencyMs() && c.baseline().latencyMs() <= c.latencySerialisedMs());
    long ternaryDramRead = T.total().entry("dram.read_bits").orElseThrow().count() / 8;
    assertEquals(ternaryDramRead + c.extraDramBytes(),
        c.baseline().total().entry("dram.read_bits").orElseThrow().count() / 8);
    assertEquals(c.baseline().area().totalUm2() * c.baseline().area().leakageNWPerUm2() * c.baseline().latencyMs()
        * 1e6 * 1e-6, c.baseline().total().staticPj(), 1e-6 * c.baseline().total().staticPj());
  }

  @Test
  void memoryBoundCallGrowsByTheExtraBytesAtPeakBandwidth() {
    // 0.2 GB/s: the weight stream is the critical path of every projection.
    dev.tritium.simulator.unit.dram.DramConfig d = ModelEnergyTest.EDGE.dram();
    dev.tritium.simulator.config.ArchConfig slow = ModelEnergyTest.EDGE.withDram(
        new dev.tritium.simulator.unit.dram.DramConfig(d.kind(), 0.2, d.latencyNs(), d.burstBytes()));
    ModelEnergyReport t = new ModelEnergy(ModelEnergyTest.SMALL, slow,
        dev.tritium.isa.ComputeUnit.MAC, ModelEnergyTest.COST)
        .run(dev.tritium.mapper.graph.LayerShape.decode(16));
    BaselineComparison c = Baselines.compare(t, ModelEnergyTest.SMALL, slow, ModelEnergyTest.lowering(),
        ModelEnergyTest.COST, WeightDatatype.FP16);
    assertTrue(c.ternaryDramShare() > 0.8, "memory-bound: " + c.ternaryDramShare());
    double added = c.baseline().latencyMs() - t.latencyMs();
    double serialisedAdded = c.latencySerialisedMs() - t.latencyMs();
    assertTrue(added > 0.9 * serialisedAdded && added <= serialisedAdded + 1e-9, added + " vs " + serialisedAdded);
    // The compute-bound edge preset hides most extra bytes under the array's work instead.
    BaselineComparison fast = compare(WeightDatatype.FP16);
    assertTrue(fast.baseline().latencyMs() - T.latencyMs() < 0.9 * (fast.latencySerialisedMs() - T.latencyMs()));
  }

  @Test
  void int8AndInt4Baselines() {
    long weights = ModelEnergyTest.projectionWeights(ModelEnergyTest.SMALL);
    BaselineComparison i8 = compare(WeightDatatype.INT8);
    assertEquals(weights - T.footprint().projectionBytes(), i8.extraDramBytes());
    assertEquals(Action.intMac(8, 8, 32), i8.baseline().total().entry("mac_array.baseline_mac").orElseThrow()
        .action());
    BaselineComparison i4 = compare(WeightDatatype.INT4);
    assertEquals(weights / 2, i4.baseline().footprint().projectionBytes());
    Map<String, double[]> v = ReportTables.comparisonValues(i8);
    assertTrue(v.get("memory_pJ")[1] > v.get("memory_pJ")[0]);
    assertTrue(v.get("area_um2")[1] > v.get("area_um2")[0]);
  }

  @Test
  void nonProjectionGroupsKeepTheirTraffic() {
    BaselineComparison c = compare(WeightDatatype.FP16);
    for (int i = 0; i < T.groups().size(); i++) {
      GroupRun t = T.groups().get(i);
      GroupRun b = c.baseline().groups().get(i);
      boolean projection = t.group().endsWith("_proj");
      assertEquals(!projection, t.run().counts().traffic().equals(b.run().counts().traffic()), t.group());
      assertEquals(projection, b.run().counts().traffic().sramWrittenBytes(Buffer.WGT) > 0, t.group());
    }
  }

  @Test
  void refusesTernaryBaseline() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compare(WeightDatatype.TERNARY));
    assertTrue(e.getMessage().contains("--baseline"), e.getMessage());
  }
}
