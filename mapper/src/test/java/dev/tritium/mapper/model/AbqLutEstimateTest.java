package dev.tritium.mapper.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.LutGemmBp;
import dev.tritium.mapper.abq.AbqLutLowering;
import dev.tritium.mapper.abq.AbqPlan;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.decoder.DecoderCrossCheck;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * abq-wpaq's projections on the LUT core's bit-plane tables in a whole-model estimate: each projection is the
 * program {@link AbqLutLowering} compiles (the one its cross-check runs bit for bit), the comparison label reads
 * "bit-planes on lut", and other standalone formats and archs without lut_core.bit_plane are refused by name.
 */
class AbqLutEstimateTest {

  private static final ArchConfig EVERY = ArchConfigs.load(Path.of("..", "examples", "arch",
      "edge-fpga-every-format.yaml"));
  private static final ModelConfig SMALL = DecoderCrossCheck.reduced(ModelPresets.byName("bitnet-b1.58-2b-4t"), 8);
  private static final FormatPreset W2A8 = FormatPresets.parse("abq-wpaq:w=2,a=8");

  @Test
  void eachProjectionIsTheLutLoweringsOwnProgram() {
    ModelEstimator est = ModelEstimator.forFormat(SMALL, EVERY, ComputeUnit.LUT, W2A8);
    StandaloneProjections sp = est.standaloneProjections().orElseThrow();
    assertEquals(ComputeUnit.LUT, sp.unit());
    assertEquals("bit-planes on lut", sp.storedAs());
    assertTrue(sp.datapath().contains("LUT.BUILD.BP / LUT.GEMM.BP"), sp.datapath());
    ModelEstimator.LayerResult layer = est.layer(LayerShape.decode(20));
    SimulationRunner runner = new SimulationRunner(EVERY);
    for (LayerKind k : LayerKind.projections()) {
      int n = k.outFeatures(SMALL);
      int kk = k.inFeatures(SMALL);
      AbqPlan plan = AbqPlan.of(W2A8.name(), BitLinearCase.formatWeights(W2A8, n, kk, 1, k.ordinal()));
      var program = new AbqLutLowering(runner.target()).compile(plan, 1).abq().program();
      assertTrue(program.stream().anyMatch(i -> i instanceof LutGemmBp), k.label());
      SimulationResult own = runner.timingOnly(program);
      assertEquals(own.cycles(), layer.groupCycles().get(k), k.label());
    }
    assertEquals("bit-planes on mac",
        ModelEstimator.forFormat(SMALL, EVERY, ComputeUnit.MAC, W2A8).standaloneProjections().orElseThrow()
            .storedAs());
  }

  @Test
  void otherStandaloneFormatsAndArchsWithoutTheTablesAreRefused() {
    IllegalArgumentException w8 = assertThrows(IllegalArgumentException.class,
        () -> ModelEstimator.forFormat(SMALL, EVERY, ComputeUnit.LUT, FormatPresets.parse("w8a8")));
    assertTrue(w8.getMessage().contains("use --unit mac"), w8.getMessage());
    ArchConfig bp = ArchConfigs.load(Path.of("..", "examples", "arch", "edge-fpga-bit-plane.yaml"));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> ModelEstimator.forFormat(SMALL, bp, ComputeUnit.LUT, W2A8));
    assertTrue(none.getMessage().contains("lut_core.bit_plane: true"), none.getMessage());
  }
}
