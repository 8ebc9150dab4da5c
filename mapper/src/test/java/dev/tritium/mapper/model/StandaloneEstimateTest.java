package dev.tritium.mapper.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.GemmBp;
import dev.tritium.isa.GemmF16;
import dev.tritium.isa.GemmIw;
import dev.tritium.isa.GemmQ2;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LutGemm;
import dev.tritium.mapper.abq.CompiledAbq;
import dev.tritium.mapper.decoder.DecoderCrossCheck;
import dev.tritium.mapper.dense.DenseLowering;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.intfmt.IntLinearCrossCheck;
import dev.tritium.mapper.intfmt.IntLinearLowering;
import dev.tritium.mapper.intfmt.IntPlan;
import dev.tritium.mapper.quip.QuipCrossCheck;
import dev.tritium.mapper.quip.QuipLowering;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.models.format.SpinQuant;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Whole-model estimates of the formats whose projections are programs of their own (quip-w2, w8a8, atom-w4a4,
 * spinquant-w4a4kv4, abq-wpaq, fp16): the
 * layer is the operators between the projections as one program plus each projection's program, which this test
 * compiles and simulates again on its own path (the lowering and the runner directly) to check the composition.
 */
class StandaloneEstimateTest {

  private static final ArchConfig EVERY = ArchConfigs.load(Path.of("..", "examples", "arch",
      "edge-fpga-every-format.yaml"));
  private static final ModelConfig SMALL = DecoderCrossCheck.reduced(ModelPresets.byName("bitnet-b1.58-2b-4t"), 8);

  /** One projection's program compiled and simulated without StandaloneProjections. */
  private static SimulationResult alone(FormatPreset f, LayerKind kind, int tokens) {
    SimulationRunner runner = new SimulationRunner(EVERY);
    IsaTarget t = runner.target();
    int n = kind.outFeatures(SMALL);
    int k = kind.inFeatures(SMALL);
    if (f.name().equals("fp16")) {
      return runner.timingOnly(DenseLowering.compileSeeded(t, f, n, k, tokens, 1, kind.ordinal()).program());
    }
    if (f instanceof SpinQuant) {
      // down_proj in its online-R4 form, the others with their rotations merged, whichever form the preset names
      return runner.timingOnly(IntLinearLowering.compileSeeded(t, new SpinQuant(kind == LayerKind.DOWN_PROJ), n, k,
          tokens, 1, kind.ordinal()).program());
    }
    if (f.name().startsWith("abq-wpaq")) {
      return runner.timingOnly(CompiledAbq.compileSeeded(t, f, n, k, tokens, 1, kind.ordinal()).program());
    }
    if (f.name().equals("quip-w2")) {
      return runner.timingOnly(new QuipLowering(t).compile(QuipCrossCheck.weights(n, k, 1, kind.ordinal()), tokens)
          .program());
    }
    return runner.timingOnly(new IntLinearLowering(t).compile(IntPlan.of(f.name(), IntLinearCrossCheck.weights(f, n, k,
        1, kind.ordinal())), tokens).program());
  }

  @Test
  void aDecodeLayerIsTheOtherOperatorsPlusEachProjectionsOwnProgram() {
    for (String name : new String[] {"quip-w2", "w8a8", "atom-w4a4:group=32,outliers=16", "abq-wpaq:w=2,a=8",
        "spinquant-w4a4kv4", "fp16"}) {
      FormatPreset f = FormatPresets.parse(name);
      ModelEstimator est = ModelEstimator.forFormat(SMALL, EVERY, ComputeUnit.MAC, f);
      LayerShape shape = LayerShape.decode(20);
      ModelEstimator.LayerResult layer = est.layer(shape);
      long projections = 0;
      for (LayerKind k : LayerKind.projections()) {
        SimulationResult own = alone(f, k, 1);
        assertEquals(own.cycles(), layer.groupCycles().get(k), name + " " + k);
        assertEquals(own.stats().dram().bytesRead(), layer.groupRuns().get(k).stats().dram().bytesRead(), name);
        assertEquals(1, layer.repeats(k));
        projections += own.cycles();
      }
      // The rest of the layer is one program without any projection instruction, its cycles the layer's remainder.
      assertTrue(layer.program().program().stream().noneMatch(i -> i instanceof GemmIw || i instanceof GemmQ2
          || i instanceof GemmBp || i instanceof GemmTernary || i instanceof GemmF16 || i instanceof LoopGemm
          || i instanceof LutGemm), name);
      assertEquals(layer.whole().cycles() + projections, layer.cycles(), name);
      long others = layer.groupCycles().entrySet().stream().filter(e -> !e.getKey().isProjection())
          .mapToLong(java.util.Map.Entry::getValue).sum();
      assertEquals(layer.whole().cycles(), others, name);
      ModelEstimate e = est.estimate(shape);
      assertEquals(e.totalCycles(), e.rows().stream().mapToLong(EstimateRow::cycles).sum());
      assertTrue(e.mapping().contains("each projection is its own program"), e.mapping());
      // Every layer's projections read their weights: at least the codes' bytes per layer.
      double codeBytes = 0;
      for (LayerKind k : LayerKind.projections()) {
        int n = k.outFeatures(SMALL);
        int kk = k.inFeatures(SMALL);
        codeBytes += f.format().bitsPerWeight(n, kk) / 8 * n * kk;
      }
      assertTrue(e.dramBytes() > codeBytes * SMALL.numLayers(), name + " " + e.dramBytes());
    }
  }

  @Test
  void integerProjectionsPriceEveryMacOfEveryLayer() {
    FormatPreset f = FormatPresets.parse("w8a8");
    ModelEstimate e = ModelEstimator.forFormat(SMALL, EVERY, ComputeUnit.MAC, f).estimate(LayerShape.decode(8));
    for (GroupRun g : e.groups()) {
      LayerKind kind = java.util.Arrays.stream(LayerKind.values()).filter(k -> k.label().equals(g.group()))
          .findFirst().orElse(null);
      if (kind != null && kind.isProjection()) {
        assertEquals((long) kind.outFeatures(SMALL) * kind.inFeatures(SMALL),
            g.run().counts().intArray().w8a8(), g.group());
        assertEquals(SMALL.numLayers(), g.repeats(), g.group());
        assertTrue(g.energy().dynamicPj() > 0, g.group());
      }
    }
  }

  @Test
  void tokensThatDoNotFitRunInEqualChunksOfTheirProgram() {
    FormatPreset f = FormatPresets.parse("w8a8");
    ModelConfig c = ModelPresets.byName("bitnet-b1.58-2b-4t");
    StandaloneProjections sp = new StandaloneProjections(c, new SimulationRunner(EVERY).target(), f);
    StandaloneProjections.Chunked down = sp.chunked(LayerKind.DOWN_PROJ, 96);
    assertTrue(down.repeats() > 1, "96 tokens of K = 6912 exceed ACT");
    assertEquals(96, down.chunkTokens() * down.repeats());
    // The chunk is the largest divisor of the call that fits: the next larger divisor does not.
    int next = down.chunkTokens() + 1;
    while (96 % next != 0) {
      next++;
    }
    int larger = next;
    assertThrows(IllegalArgumentException.class, () -> sp.program(LayerKind.DOWN_PROJ, larger));
  }

  @Test
  void aUnitOrArchWithoutTheDatapathIsRefusedNamingIt() {
    FormatPreset w8 = FormatPresets.parse("w8a8");
    IllegalArgumentException lut = assertThrows(IllegalArgumentException.class,
        () -> ModelEstimator.forFormat(SMALL, EVERY, ComputeUnit.LUT, w8));
    assertTrue(lut.getMessage().contains("on the MAC array only (GEMM.IW); use --unit mac"), lut.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> ModelEstimator.forFormat(SMALL, ArchConfigs.preset("edge-fpga"), ComputeUnit.MAC, w8));
    assertTrue(none.getMessage().contains("mac_array.int_multipliers: int8"), none.getMessage());
    IllegalArgumentException quip = assertThrows(IllegalArgumentException.class,
        () -> ModelEstimator.forFormat(SMALL, ArchConfigs.preset("edge-fpga"), ComputeUnit.MAC,
            FormatPresets.parse("quip-w2")));
    assertTrue(quip.getMessage().contains("mac_array.float_adders: fp32"), quip.getMessage());
  }
}
