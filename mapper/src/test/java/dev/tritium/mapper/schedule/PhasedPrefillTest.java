package dev.tritium.mapper.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.count.LayerKind;
import dev.tritium.simulator.config.ArchConfigs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhasedPrefillTest {

  private static final ModelConfig C = ModelPresets.byName("bitnet-b1.58-2b-4t");

  private static LayerProgram compile(SimulationRunner runner, LayerShape shape) {
    ProjectionLowering p = new ProjectionLowering(runner.target(), ComputeUnit.MAC);
    return new LayerCompiler(C, runner.target(), ComputeUnit.MAC, new LayerCompiler.LayerDram(C, p, shape.tokens(),
        shape.maxKeys()), Map.of()).compile(shape);
  }

  @Test
  void fullSizePrefillOnEdgeFpgaReadsEachWeightOncePerChunk() {
    SimulationRunner runner = new SimulationRunner(ArchConfigs.preset("edge-fpga-mac"));
    LayerProgram lp = compile(runner, LayerShape.prefill(128));
    // Whole-layer chunks fit only 1 token in edge-fpga's 128 KiB VEC; in phases a chunk is bounded by ACT
    // (69 rows of 6912 int8 plus attention scratch), balanced to two chunks of 64.
    assertTrue(lp.streamed());
    assertEquals(64, lp.chunkTokens());
    assertEquals(2, lp.chunks().size());
    SimulationResult r = runner.timingOnly(lp.program());
    ProjectionLowering p = new ProjectionLowering(runner.target(), ComputeUnit.MAC);
    long weights = 0;
    for (LayerKind k : LayerKind.projections()) {
      weights += p.weightBytes(k.outFeatures(C), k.inFeatures(C));
    }
    // the LOOP.GEMMs stream each packed weight byte once per chunk: twice in all
    long streamed = 0;
    for (dev.tritium.isa.Instruction i : lp.program()) {
      if (i instanceof dev.tritium.isa.LoopBounds b) {
        streamed += (long) b.n() * b.packing().packedRowBytes(b.k());
      }
    }
    assertEquals(2 * weights, streamed);
    assertTrue(r.counts().traffic().dramReadBytes() > streamed);
  }

  @Test
  void decodeAndPrefillsThatFitStayWholeLayer() {
    SimulationRunner runner = new SimulationRunner(ArchConfigs.preset("asic-hbm-large"));
    assertFalse(compile(runner, LayerShape.decode(64)).streamed());
    LayerProgram lp = compile(new SimulationRunner(ArchConfigs.preset("edge-fpga-mac")),
        LayerShape.decode(64));
    assertFalse(lp.streamed());
    assertEquals(1, lp.chunkTokens());
  }
}
