package dev.tritium.mapper.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.mapper.graph.DecoderGraphBuilder;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.graph.OpNode;
import dev.tritium.mapper.graph.Tensor;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PrefillPhasesTest {

  private static final ModelConfig C = ModelPresets.byName("bitnet-b1.58-2b-4t");

  private static String names(PrefillPhases.Phase p) {
    return p.ops().stream().map(OpNode::name).collect(Collectors.joining(","));
  }

  @Test
  void theBitNetLayerCutsIntoNinePhasesAlternatingVectorAndProjectionRuns() {
    PrefillPhases phases = PrefillPhases.of(DecoderGraphBuilder.build(C, LayerShape.prefill(8)));
    List<String> got = phases.phases().stream().map(PrefillPhasesTest::names).toList();
    assertEquals(List.of(
        "attn_norm,quant_attn",
        "q_proj,k_proj,v_proj",
        "rope_q,rope_k,kv_append,quant_q,qk,softmax,pv,attn_sub_norm,quant_o",
        "o_proj",
        "residual_attn,ffn_norm,quant_ffn",
        "gate_proj,up_proj",
        "gate_act,ffn_sub_norm,quant_down",
        "down_proj",
        "residual_ffn"), got);
    for (int i = 0; i < got.size(); i++) {
      assertEquals(i % 2 == 1, phases.phases().get(i) instanceof PrefillPhases.Projections, got.get(i));
    }
  }

  @Test
  void dramInputsStoredTensorsAndGainWidthsFollowFromTheEdges() {
    PrefillPhases phases = PrefillPhases.of(DecoderGraphBuilder.build(C, LayerShape.prefill(8)));
    PrefillPhases.Rows attention = (PrefillPhases.Rows) phases.phases().get(2);
    assertEquals(List.of("q", "k", "v"), attention.dramInputs().stream().map(Tensor::name).toList());
    assertTrue(attention.stored().isEmpty());
    assertTrue(attention.hasAttention());
    assertEquals(C.qDim(), attention.gainCols());
    PrefillPhases.Rows residual = (PrefillPhases.Rows) phases.phases().get(4);
    assertEquals(List.of("h", "o"), residual.dramInputs().stream().map(Tensor::name).toList());
    // h_mid is read again by the last phase, so it goes to DRAM; x_ffn only feeds the projections' quant.
    assertEquals(List.of("h_mid"), residual.stored().stream().map(Tensor::name).toList());
    assertFalse(residual.hasAttention());
    PrefillPhases.Rows last = (PrefillPhases.Rows) phases.phases().get(8);
    assertEquals(List.of("h_mid", "down"), last.dramInputs().stream().map(Tensor::name).toList());
    assertEquals(List.of("h_out"), last.stored().stream().map(Tensor::name).toList());
    assertEquals(0, last.gainCols());
  }

  @Test
  void aNormWhoseInputIsBeingStoredTakesADeadSlotAndOtherwiseWritesInPlace() {
    PrefillPhases phases = PrefillPhases.of(DecoderGraphBuilder.build(C, LayerShape.prefill(8)));
    PrefillPhases.Rows first = (PrefillPhases.Rows) phases.phases().get(0);
    PassLayout l0 = PassLayout.of(first, 4, 8, 1024, 0, C, int8Cache());
    Tensor h = first.dramInputs().get(0);
    assertEquals(1024, l0.vec(h));
    assertEquals(l0.vec(h), l0.vec(first.ops().get(0).output()), "attn_norm in place");
    // slots are 32-byte aligned [cap][cols] fp32 rows, then the gain
    assertEquals(1024 + 4L * 4 * C.hiddenSize(), l0.gain());
    PrefillPhases.Rows residual = (PrefillPhases.Rows) phases.phases().get(4);
    PassLayout l4 = PassLayout.of(residual, 4, 8, 0, 0, C, int8Cache());
    Tensor o = residual.dramInputs().get(1);
    OpNode ffnNorm = residual.ops().get(1);
    assertEquals(l4.vec(o), l4.vec(ffnNorm.output()), "h_mid is being stored, so ffn_norm writes over o");
    PrefillPhases.Rows attention = (PrefillPhases.Rows) phases.phases().get(2);
    PassLayout l2 = PassLayout.of(attention, 2, 8, 0, 0, C, int8Cache());
    OpNode subNorm = attention.ops().get(7);
    assertEquals(l2.vec(attention.dramInputs().get(0)), l2.vec(subNorm.output()), "q is dead after quant_q");
  }

  /** The int8 cache the layouts above are sized for (one byte per attention operand value). */
  private static dev.tritium.mapper.attention.KvCacheLayout int8Cache() {
    return new dev.tritium.mapper.attention.KvCacheLayout(0, C.numKvHeads(), 8, C.headDim(),
        dev.tritium.simulator.config.AttentionConfig.KvDatatype.INT8);
  }
}
