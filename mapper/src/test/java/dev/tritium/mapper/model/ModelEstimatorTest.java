package dev.tritium.mapper.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.run.SimulationResult;
import dev.tritium.mapper.run.SimulationRunner;
import dev.tritium.mapper.schedule.LayerCompiler;
import dev.tritium.mapper.schedule.LayerProgram;
import dev.tritium.mapper.schedule.ProjectionLowering;
import dev.tritium.mapper.schedule.ProjectionLowering.ComputeUnit;
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
  private static final ArchConfig ARCH = ArchConfigs.preset(ArchConfigs.DEFAULT_PRESET);

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
