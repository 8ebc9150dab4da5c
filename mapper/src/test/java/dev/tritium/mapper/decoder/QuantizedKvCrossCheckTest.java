package dev.tritium.mapper.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.crosscheck.Verdict;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.format.KvCacheFormat;
import dev.tritium.models.nn.AttentionPrecision;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.AttentionConfig;
import dev.tritium.simulator.config.AttentionConfig.KvQuant;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Quantized KV caches (attention.kv_bits): VEC.KV_QUANT on append, VEC.KV_DEQUANT on attend and the fp16 datapath
 * compute the reference's fp16 attention over its quantized cache bit for bit (int4 and int3 groups, int8 groups,
 * IntactKV pivots), decode and a 5-token prefill, on both units; a flipped code, a changed step or pivot FAILs.
 */
class QuantizedKvCrossCheckTest {

  private static final ModelConfig B2 = DecoderCrossCheck.reduced(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16);
  private static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga");

  private static DecoderCrossCheck check(KvQuant q) {
    return new DecoderCrossCheck(EDGE.withAttention(AttentionConfig.quantized(q, null)));
  }

  private static void assertBitExact(KvQuant q, LayerShape shape, ComputeUnit unit) {
    CrossCheckReport r = check(q).run(DecoderCase.seeded(B2, shape, 3), unit);
    assertTrue(r.passed(), r::render);
    assertEquals(Verdict.PASS, r.row("attention output [" + shape.tokens() + "x" + B2.qDim()
        + "] fp16 attention vs reference").verdict(), r::render);
    assertEquals(Verdict.PASS, r.row("layer output [" + shape.tokens() + "x" + B2.hiddenSize()
        + "] vs the reference in fp16 attention").verdict(), r::render);
  }

  @Test
  void int4Group32DecodeAndPrefillAreBitExactOnBothUnits() {
    for (ComputeUnit u : ComputeUnit.values()) {
      assertBitExact(new KvQuant(4, 32, 0), LayerShape.decode(9), u);
      assertBitExact(new KvQuant(4, 32, 0), LayerShape.prefill(5), u);
    }
  }

  @Test
  void intactKvPivotsInt3AndInt8AreBitExact() {
    for (ComputeUnit u : ComputeUnit.values()) {
      assertBitExact(new KvQuant(4, 32, 4), LayerShape.decode(9), u);
      assertBitExact(new KvQuant(4, 32, 4), LayerShape.prefill(5), u);
      assertBitExact(new KvQuant(3, 32, 0), LayerShape.decode(9), u);
      assertBitExact(new KvQuant(3, 32, 0), LayerShape.prefill(5), u);
    }
    assertBitExact(new KvQuant(8, 128, 0), LayerShape.decode(9), ComputeUnit.MAC);
    // Records longer than their fp16 row (int8 in groups of 2: 8 + 3 x 4 = 20 bytes for 8 values) take ACT of their
    // own instead of the tail of KV_DEQUANT's output.
    assertBitExact(new KvQuant(8, 2, 0), LayerShape.decode(7), ComputeUnit.MAC);
    // More pivots than positions: every key stays fp16, no code is stored or read.
    assertBitExact(new KvQuant(4, 8, 16), LayerShape.decode(9), ComputeUnit.MAC);
    assertBitExact(new KvQuant(4, 32, 16), LayerShape.prefill(5), ComputeUnit.LUT);
    // Groups that divide head_dim (8 here, as 128 does for LLaMA-style heads): one record per kv head and position.
    for (ComputeUnit u : ComputeUnit.values()) {
      assertBitExact(new KvQuant(4, 8, 0), LayerShape.decode(9), u);
      assertBitExact(new KvQuant(4, 4, 2), LayerShape.prefill(5), u);
    }
    // A group that does not divide a head (head_dim 8, groups of 12 straddle heads) and a short last group.
    assertBitExact(new KvQuant(2, 12, 1), LayerShape.decode(7), ComputeUnit.MAC);
  }

  @Test
  void prefillInPhasesIsBitExact() {
    for (KvQuant q : List.of(new KvQuant(4, 32, 2), new KvQuant(3, 8, 3))) {
      ArchConfig arch = EDGE.withAttention(AttentionConfig.quantized(q, null));
      SramBufferConfig vec = arch.buffers().get("output");
      ArchConfig small = arch.withBuffer("output", new SramBufferConfig(8192, vec.banks(), vec.ports(),
          vec.widthBits()));
      CrossCheckReport phased = new DecoderCrossCheck(small).run(DecoderCase.seeded(B2, LayerShape.prefill(20), 2),
          ComputeUnit.MAC);
      assertTrue(phased.passed(), phased::render);
      assertTrue(phased.render().contains("in phases"), phased::render);
    }
  }

  @Test
  void theQuantizedReferenceDiffersFromTheFp16One() {
    DecoderCase dc = DecoderCase.seeded(B2, LayerShape.decode(9), 3);
    float[] fp16 = DecoderReference.run(dc, null, AttentionPrecision.FP16).attn();
    float[] int4 = DecoderReference.run(dc, null, AttentionPrecision.FP16,
        new dev.tritium.mapper.fp16act.SignSumOrder.MacKOrder(), new KvCacheFormat.Int(4, 32)).attn();
    assertFalse(java.util.Arrays.equals(fp16, int4));
  }

  @Test
  void aFlippedCodeAChangedStepOrPivotFails() {
    DecoderCase dc = DecoderCase.seeded(B2, LayerShape.decode(9), 3);
    for (KvQuant q : List.of(new KvQuant(4, 32, 4), new KvQuant(4, 8, 4))) {
      for (DecoderMutation m : List.of(new DecoderMutation.KvCache(DecoderMutation.KvField.CODE, 5, 3),
          new DecoderMutation.KvCache(DecoderMutation.KvField.STEP, 6, 0),
          new DecoderMutation.KvCache(DecoderMutation.KvField.PIVOT, 1, 2))) {
        CrossCheckReport r = check(q).run(dc, ComputeUnit.MAC, m);
        assertFalse(r.passed(), () -> "not caught: " + m.describe() + "\n" + r.render());
        assertEquals(Verdict.FAIL, r.row("attention output [1x" + B2.qDim() + "] fp16 attention vs reference")
            .verdict(), r::render);
      }
    }
    // The same case unmutated passes, so the failures above are the mutations'.
    assertTrue(check(new KvQuant(4, 8, 4)).run(dc, ComputeUnit.MAC).passed());
  }
}
