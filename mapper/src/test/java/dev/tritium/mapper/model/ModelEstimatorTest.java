package dev.tritium.mapper.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.mapper.schedule.LayerCompiler;
import dev.tritium.mapper.schedule.LayerProgram;
import dev.tritium.mapper.schedule.ProjectionLowering;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.count.OpFormulas;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelEstimatorTest {

  private static final ModelConfig C = ModelPresets.byName("bitnet-b1.58-2b-4t");
  private static final ArchConfig ARCH = ArchConfigs.preset("edge-fpga-mac");

  @Test
  void decodeTokenEndToEndReusesOneLayer() {
    ModelEstimator est = new ModelEstimator(C, ARCH, ComputeUnit.MAC);
    ModelEstimate e = est.estimate(LayerShape.decode(1024));
    assertEquals(1, e.layersCompiled());
    assertTrue(e.totalCycles() > 30 * e.layerCycles());
    long sum = e.rows().stream().mapToLong(EstimateRow::cycles).sum();
    assertEquals(e.totalCycles(), sum);
    assertTrue(e.rows().stream().anyMatch(r -> r.group().equals("lm_head") && r.cycles() > 0));
    assertTrue(e.mapping().contains("GEMM.I8"));
    ModelEstimate again = est.estimate(LayerShape.decode(1024));
    assertEquals(e.totalCycles(), again.totalCycles());
    assertEquals(1, again.layersCompiled());
  }

  @Test
  void decodeProjectionsCostTheWeightStationaryFoldsOfTheArchConfig() {
    // edge-fpga: 32 x 64 WS array; at M = 1 a fold is 2R + C + T - 2 = 127 cycles (simulator/README), and
    // q_proj (K = N = 2560) has ceil(2560/32) * ceil(2560/64) = 3200 folds = 406,400 cycles; the rest of its
    // group is the first weight tile's DMA and the DEQUANT. down_proj: 216 x 40 folds = 1,097,280.
    ModelEstimator.LayerResult layer = new ModelEstimator(C, ARCH, ComputeUnit.MAC).layer(LayerShape.decode(1024));
    long q = layer.groupCycles().get(LayerKind.Q_PROJ);
    assertTrue(q >= 406_400 && q <= 406_400 * 1.05, Long.toString(q));
    long down = layer.groupCycles().get(LayerKind.DOWN_PROJ);
    assertTrue(down >= 1_097_280 && down <= 1_097_280 * 1.05, Long.toString(down));
    // The layer result carries each group's own run: q_proj meets each of its K x N weights once.
    assertEquals(layer.groupCycles().keySet(), layer.groupRuns().keySet());
    assertEquals(2560L * 2560, layer.groupRuns().get(LayerKind.Q_PROJ).counts().macArray().pairs());
  }

  @Test
  void attentionInt8MacsMatchModelsCountsForDecodeAndPrefill() {
    SimulationRunner runner = new SimulationRunner(ARCH);
    for (LayerShape shape : new LayerShape[] {LayerShape.decode(100), LayerShape.prefill(3)}) {
      ProjectionLowering p = new ProjectionLowering(runner.target(), ComputeUnit.MAC);
      LayerProgram lp = new LayerCompiler(C, runner.target(), ComputeUnit.MAC,
          new LayerCompiler.LayerDram(C, p, shape.tokens(), shape.maxKeys()), Map.of()).compile(shape);
      SimulationResult r = runner.timingOnly(lp.groupPrograms().get(LayerKind.ATTENTION));
      long expected = OpFormulas.attentionQuery(C.numHeads(), C.headDim(), shape.attendedKeys()).int8Macs();
      assertEquals(expected, r.counts().int8Macs(), shape.toString());
    }
  }
}
