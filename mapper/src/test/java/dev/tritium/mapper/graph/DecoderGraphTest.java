package dev.tritium.mapper.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecoderGraphTest {

  @Test
  void bitnet2b4tHasSubNormsRelu2AndGqaShapes() {
    ModelConfig c = ModelPresets.byName("bitnet-b1.58-2b-4t");
    DecoderGraph g = DecoderGraphBuilder.build(c, LayerShape.decode(1024));
    assertTrue(g.hasNode("attn_sub_norm"));
    assertTrue(g.hasNode("ffn_sub_norm"));
    assertEquals(7, g.nodes().stream().filter(n -> n.kind() == OpKind.BITLINEAR).count());
    assertEquals(27, g.nodes().size()); // hand count: 7 projections, 5 quantizations, 4 norms, 2 ropes, kv_append, qk, softmax, pv, gate_act, 2 residuals, input, output
    // q, k and v read the same quantized input: three edges out of quant_attn's int8 tensor.
    assertEquals(List.of("q_proj", "k_proj", "v_proj"),
        g.consumers(g.node("quant_attn")).stream().map(OpNode::name).toList());
    assertEquals(640, g.node("k_proj").output().cols());
    assertEquals(6912, g.node("gate_proj").output().cols());
    // The residual stream: 2560 fp32 = 10240 bytes per token.
    assertEquals(10240, g.node("layer_input").output().bytes());
    // Scores are streamed one kv-head group (4 query heads) at a time over 1025 keys.
    Tensor scores = g.node("qk").output();
    assertEquals(20, scores.rows());
    assertEquals(1025, scores.cols());
    assertEquals(4L * 1025 * 4, scores.residentBytes());
  }

  @Test
  void llamaStyleHasNoSubNorms() {
    ModelConfig c = ModelPresets.byName("llama3-8b-1.58");
    DecoderGraph g = DecoderGraphBuilder.build(c, LayerShape.prefill(4));
    assertFalse(g.hasNode("attn_sub_norm"));
    assertFalse(g.hasNode("ffn_sub_norm"));
    assertEquals(25, g.nodes().size()); // 27 minus the two sub-norms
    // o_proj reads the attention output's quantization directly.
    assertEquals("attn_q", g.node("o_proj").inputs().get(0).name());
    assertEquals(4, g.node("down_proj").output().rows());
  }

  @Test
  void topologicalOrderRespectsEveryEdge() {
    DecoderGraph g = DecoderGraphBuilder.build(ModelPresets.byName("bitnet-b1.58-2b-4t"), LayerShape.prefill(3));
    List<OpNode> order = g.topologicalOrder();
    for (TensorEdge e : g.graph().edgeSet()) {
      assertTrue(order.indexOf(g.graph().getEdgeSource(e)) < order.indexOf(g.graph().getEdgeTarget(e)), e.toString());
    }
    assertEquals("layer_input", order.get(0).name());
    assertEquals("layer_output", order.get(order.size() - 1).name());
  }

  @Test
  void shapesRejectBadInput() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new LayerShape(0, 0));
    assertEquals(1025 + 1024L * 0, LayerShape.decode(1024).attendedKeys());
    assertEquals(3 * 4 / 2, LayerShape.prefill(3).attendedKeys());
  }
}
