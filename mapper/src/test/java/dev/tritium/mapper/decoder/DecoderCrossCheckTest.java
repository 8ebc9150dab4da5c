package dev.tritium.mapper.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.mapper.crosscheck.CheckRow;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.crosscheck.Mutation;
import dev.tritium.mapper.crosscheck.Verdict;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.count.LayerKind;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecoderCrossCheckTest {

  private static final ModelConfig B2 = DecoderCrossCheck.reduced(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16);
  private static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga-mac");
  private static final DecoderCrossCheck EDGE_CHECK = new DecoderCrossCheck(EDGE);
  private static final DecoderCase DECODE = DecoderCase.seeded(B2, LayerShape.decode(9), 3);

  @Test
  void decodePassesOnEveryPresetWithBothUnits() {
    for (String preset : ArchConfigs.presetNames()) {
      DecoderCrossCheck check = new DecoderCrossCheck(ArchConfigs.preset(preset));
      for (ComputeUnit u : ComputeUnit.values()) {
        CrossCheckReport r = check.run(DECODE, u);
        assertTrue(r.passed(), r::render);
        // sites + 7 x 3 BitLinear rows + attention + layer vs fed + h_mid bound + 4 counts, and the INFO rows; with
        // fp16 attention (tellme-kv260) the h_mid bound becomes the bit-exact layer output and the counts gain fp32 MACs
        boolean fp16 = ArchConfigs.preset(preset).attentionOrDefault().kvDatatype()
            == dev.tritium.simulator.config.AttentionConfig.KvDatatype.FP16;
        assertEquals(fp16 ? 30 : 29, r.rows().stream().filter(row -> row.verdict() == Verdict.PASS).count(), r::render);
      }
    }
  }

  @Test
  void prefillPassesForBothUnitsAndAnotherModelFamily() {
    for (ComputeUnit u : ComputeUnit.values()) {
      CrossCheckReport r = EDGE_CHECK.run(DecoderCase.seeded(B2, LayerShape.prefill(5), 11), u);
      assertTrue(r.passed(), r::render);
    }
    ModelConfig llama = DecoderCrossCheck.reduced(ModelPresets.byName("llama3-8b-1.58"), 16);
    CrossCheckReport r = EDGE_CHECK.run(DecoderCase.seeded(llama, LayerShape.prefill(3), 5), ComputeUnit.MAC);
    assertTrue(r.passed(), r::render);
  }

  /** edge-fpga with smaller VEC (and ACT) buffers, so that a reduced-size prefill needs the phased compilation. */
  private static ArchConfig smallBuffers(long vecBytes, long actBytes) {
    SramBufferConfig vec = EDGE.buffers().get("output");
    SramBufferConfig act = EDGE.buffers().get("activation");
    return EDGE.withBuffer("output", new SramBufferConfig(vecBytes, vec.banks(), vec.ports(), vec.widthBits()))
        .withBuffer("activation", new SramBufferConfig(actBytes, act.banks(), act.ports(), act.widthBits()));
  }

  @Test
  void phasedPrefillPassesWithNBlocksPartialPassesAndSeveralChunks() {
    // 8 KiB VEC: projections in several N blocks, vector phases in passes of a few rows (the last one partial)
    DecoderCrossCheck small = new DecoderCrossCheck(smallBuffers(8192, 524288));
    for (ComputeUnit u : ComputeUnit.values()) {
      CrossCheckReport r = small.run(DecoderCase.seeded(B2, LayerShape.prefill(20), 2), u);
      assertTrue(r.passed(), r::render);
      assertTrue(r.render().contains("20 token(s) per chunk, in phases"), r::render);
    }
    // 8 KiB ACT as well: the int8 input of 432-wide rows limits a chunk to fewer than 20 tokens
    CrossCheckReport r = new DecoderCrossCheck(smallBuffers(8192, 8192)).run(DecoderCase.seeded(B2,
        LayerShape.prefill(20), 3), ComputeUnit.MAC);
    assertTrue(r.passed(), r::render);
    assertTrue(r.render().contains("10 token(s) per chunk, in phases"), r::render);
    ModelConfig llama = DecoderCrossCheck.reduced(ModelPresets.byName("llama3-8b-1.58"), 16);
    CrossCheckReport l = new DecoderCrossCheck(smallBuffers(12288, 524288)).run(DecoderCase.seeded(llama,
        LayerShape.prefill(9), 4), ComputeUnit.MAC);
    assertTrue(l.passed(), l::render);
    assertTrue(l.render().contains("in phases"), l::render);
  }

  @Test
  void twoChainedLayersPassAndAFaultInTheFirstShowsInBoth() {
    List<DecoderCase> layers = List.of(DECODE, DecoderCase.seeded(B2, LayerShape.decode(9), 4));
    for (ComputeUnit u : ComputeUnit.values()) {
      CrossCheckReport r = EDGE_CHECK.runLayers(layers, u);
      assertTrue(r.passed(), r::render);
      assertTrue(r.row("layer 1: down_proj accumulators int32 [1x160] bit-exact").verdict() == Verdict.PASS, r::render);
    }
    CrossCheckReport bad = EDGE_CHECK.runLayers(layers, ComputeUnit.MAC, new DecoderMutation.Program(
        Mutation.InstructionField.weightAddress()));
    List<String> failed = bad.failures().stream().map(CheckRow::check).toList();
    assertTrue(failed.contains("layer 0: q_proj accumulators int32 [1x160] bit-exact"), failed::toString);
    // layer 1 is checked on the simulator's actual (faulty) input, so its own BitLinears still pass
    assertTrue(failed.stream().noneMatch(f -> f.startsWith("layer 1:")), failed::toString);
    // prefill in phases keeps the residual stream in DRAM between layers: checked one layer, said so
    CrossCheckReport phased = new DecoderCrossCheck(smallBuffers(8192, 524288)).runLayers(List.of(
        DecoderCase.seeded(B2, LayerShape.prefill(6), 1), DecoderCase.seeded(B2, LayerShape.prefill(6), 2)),
        ComputeUnit.MAC);
    assertTrue(phased.passed(), phased::render);
    assertTrue(phased.row("layers chained") != null, phased::render);
  }

  @Test
  void derivedBoundsHoldOverSeedsAndAreNotVacuousAfterAttention() {
    for (long seed = 1; seed <= 6; seed++) {
      DecoderCase dc = DecoderCase.seeded(B2, seed % 2 == 0 ? LayerShape.decode(20) : LayerShape.prefill(4), seed);
      CrossCheckReport r = EDGE_CHECK.run(dc, ComputeUnit.MAC);
      assertTrue(r.passed(), r::render);
      CheckRow mid = r.rows().stream().filter(row -> row.check().startsWith("residual after attention")).findFirst()
          .orElseThrow();
      // bound/||ref|| is printed second; the h_mid bound must say something (well under 100 %)
      double boundRel = Double.parseDouble(mid.actual().split("max bound/\\|\\|ref\\|\\| ")[1].split(",")[0]);
      assertTrue(boundRel < 0.5, mid.actual());
    }
  }

  /**
   * tellme-kv260 with bitnet-b1.58-large at a quarter of its size (K = 384 and 1024): LUT projections in one
   * weight slot, weights chunk-major in DRAM (168-activation chunks), and at prefill the weight-resident
   * token-serial lowering; the Cortex-A53 LM head is outside the layer.
   */
  @Test
  void thePublishedTellMeDesignRunsBitExactAndCatchesAWeightFlipInALaterKChunk() {
    ModelConfig large = DecoderCrossCheck.reduced(ModelPresets.byName("bitnet-b1.58-large"), 4);
    DecoderCrossCheck tellme = new DecoderCrossCheck(ArchConfigs.preset("tellme-kv260"));
    DecoderCase decode = DecoderCase.seeded(large, LayerShape.decode(7), 4);
    DecoderCase prefill = DecoderCase.seeded(large, LayerShape.prefill(12), 4);
    for (DecoderCase dc : List.of(decode, prefill)) {
      CrossCheckReport r = tellme.run(dc, ComputeUnit.LUT);
      assertTrue(r.passed(), r::render);
    }
    for (DecoderMutation m : List.of(new DecoderMutation.DramWeight(LayerKind.DOWN_PROJ, 5, 300),
        new DecoderMutation.DramWeight(LayerKind.Q_PROJ, 2, 380), new DecoderMutation.GoldenOutput())) {
      for (DecoderCase dc : List.of(decode, prefill)) {
        CrossCheckReport r = tellme.run(dc, ComputeUnit.LUT, m);
        assertFalse(r.passed(), () -> "mutation not caught: " + m.describe() + "\n" + r.render());
      }
    }
  }

  @Test
  void everyMutationTurnsTheCheckToFail() {
    List<DecoderMutation> mutations = List.of(
        new DecoderMutation.DramWeight(LayerKind.DOWN_PROJ, 3, 17),
        new DecoderMutation.DramWeight(LayerKind.Q_PROJ, 0, 0),
        new DecoderMutation.Program(Mutation.InstructionField.weightScaleImmediate()),
        new DecoderMutation.Program(Mutation.InstructionField.weightAddress()),
        new DecoderMutation.Program(Mutation.InstructionField.loopK(5)),
        new DecoderMutation.ActivationScale(LayerKind.K_PROJ),
        new DecoderMutation.ActivationScale(LayerKind.DOWN_PROJ),
        new DecoderMutation.GoldenAccumulator(LayerKind.UP_PROJ),
        new DecoderMutation.GoldenOutput());
    for (DecoderMutation m : mutations) {
      CrossCheckReport r = EDGE_CHECK.run(DECODE, ComputeUnit.MAC, m);
      assertFalse(r.passed(), () -> "mutation not caught: " + m.describe() + "\n" + r.render());
    }
  }

  @Test
  void aDramWeightFlipFailsExactlyThatProjectionsAccumulators() {
    CrossCheckReport r = EDGE_CHECK.run(DECODE, ComputeUnit.LUT, new DecoderMutation.DramWeight(LayerKind.GATE_PROJ,
        2, 5));
    List<String> failed = r.failures().stream().map(CheckRow::check).toList();
    assertTrue(failed.stream().anyMatch(f -> f.startsWith("gate_proj accumulators")), failed::toString);
    assertTrue(failed.stream().noneMatch(f -> f.startsWith("q_proj") || f.startsWith("up_proj")), failed::toString);
  }

  @Test
  void reducedKeepsHeadsAndRejectsBadDivisors() {
    assertEquals(160, B2.hiddenSize());
    assertEquals(432, B2.intermediateSize());
    assertEquals(20, B2.numHeads());
    assertEquals(5, B2.numKvHeads());
    assertEquals(8, B2.headDim());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DecoderCrossCheck.reduced(ModelPresets.byName("bitnet-b1.58-2b-4t"), 7));
    assertTrue(e.getMessage().contains("--reduce 7"), e.getMessage());
  }
}
