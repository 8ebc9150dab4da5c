package dev.tritium.mapper.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.crosscheck.CheckRow;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.crosscheck.Mutation;
import dev.tritium.mapper.crosscheck.Verdict;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.count.LayerKind;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.AttentionConfig;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * fp16 attention (attention.kv_datatype: fp16): the fp16 KV cache and GEMM.F16 attention on the vector lanes compute
 * the reference's fp16 attention bit for bit, in decode, prefill (whole and in phases) and chained layers, on both
 * units; faults FAIL.
 */
class Fp16AttentionCrossCheckTest {

  private static final ModelConfig B2 = DecoderCrossCheck.reduced(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16);
  private static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga")
      .withAttention(new AttentionConfig(AttentionConfig.KvDatatype.FP16));
  private static final DecoderCrossCheck CHECK = new DecoderCrossCheck(EDGE);

  @Test
  void decodeAndPrefillAreBitExactOnBothUnits() {
    for (LayerShape shape : List.of(LayerShape.decode(9), LayerShape.prefill(5))) {
      for (ComputeUnit u : ComputeUnit.values()) {
        CrossCheckReport r = CHECK.run(DecoderCase.seeded(B2, shape, 3), u);
        assertTrue(r.passed(), r::render);
        CheckRow attn = r.row("attention output [" + shape.tokens() + "x" + B2.qDim()
            + "] fp16 attention vs reference");
        assertEquals(Verdict.PASS, attn.verdict(), r::render);
        assertEquals(Verdict.PASS, r.row("int8 MACs (none: attention is fp16)").verdict(), r::render);
      }
    }
  }

  @Test
  void prefillInPhasesAndChainedLayersAreBitExact() {
    SramBufferConfig vec = EDGE.buffers().get("output");
    ArchConfig small = EDGE.withBuffer("output", new SramBufferConfig(8192, vec.banks(), vec.ports(), vec.widthBits()));
    CrossCheckReport phased = new DecoderCrossCheck(small).run(DecoderCase.seeded(B2, LayerShape.prefill(20), 2),
        ComputeUnit.MAC);
    assertTrue(phased.passed(), phased::render);
    assertTrue(phased.render().contains("in phases"), phased::render);
    CrossCheckReport chained = CHECK.runLayers(List.of(DecoderCase.seeded(B2, LayerShape.decode(6), 4),
        DecoderCase.seeded(B2, LayerShape.decode(6), 5)), ComputeUnit.LUT);
    assertTrue(chained.passed(), chained::render);
  }

  @Test
  void theCheckIsAgainstTheFp16ReferenceNotTheFp32One() {
    // The fp16 reference differs from the fp32 one on this case, so bit-exactness to it says something.
    DecoderCase dc = DecoderCase.seeded(B2, LayerShape.decode(9), 3);
    float[] fp16 = DecoderReference.run(dc, null, dev.tritium.models.nn.AttentionPrecision.FP16).attn();
    float[] fp32 = DecoderReference.run(dc, null).attn();
    assertFalse(java.util.Arrays.equals(fp16, fp32));
  }

  @Test
  void faultsFail() {
    DecoderCase dc = DecoderCase.seeded(B2, LayerShape.decode(9), 3);
    for (DecoderMutation m : List.of(new DecoderMutation.GoldenOutput(),
        new DecoderMutation.DramWeight(LayerKind.V_PROJ, 1, 7),
        new DecoderMutation.Program(Mutation.InstructionField.weightAddress()))) {
      CrossCheckReport r = CHECK.run(dc, ComputeUnit.MAC, m);
      assertFalse(r.passed(), () -> "not caught: " + m.describe() + "\n" + r.render());
    }
  }
}
