package dev.tritium.mapper.graph;

import dev.tritium.simulator.config.AttentionConfig.KvDatatype;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.graph.DirectedAcyclicGraph;

/**
 * Builds the decoder-layer graph of a model config (pre-norm block; 2B-4T sub-layer norms when the
 * config has them; the FFN activation from the config). Operator and tensor names are in
 * mapper/README.md ("Decoder graph").
 */
public final class DecoderGraphBuilder {

  private final ModelConfig c;
  private final LayerShape shape;
  private final KvDatatype kv;
  private java.util.Optional<dev.tritium.simulator.config.AttentionConfig.KvQuant> kvQuant = java.util.Optional.empty();
  private final boolean formatProjections;
  private final List<OpNode> nodes = new ArrayList<>();
  private final Map<Tensor, OpNode> producers = new HashMap<>();

  private DecoderGraphBuilder(ModelConfig c, LayerShape shape, KvDatatype kv, boolean formatProjections) {
    this.c = c;
    this.shape = shape;
    this.kv = kv;
    this.formatProjections = formatProjections;
  }

  /** The layer with an int8 KV cache (int8 attention). */
  public static DecoderGraph build(ModelConfig c, LayerShape shape) {
    return build(c, shape, KvDatatype.INT8);
  }

  /**
   * The layer with a {@code kv} cache: with fp16, attention's q and probabilities are fp16 tensors in ACT (their
   * scale tensors stay in the graph, unused, so that every operator keeps its operands in the same positions).
   */
  public static DecoderGraph build(ModelConfig c, LayerShape shape, KvDatatype kv) {
    return build(c, shape, kv, false);
  }

  /**
   * The layer whose seven projections are in a weight format with fp16 activations when {@code formatProjections}:
   * FORMAT_LINEAR nodes read the fp32 tensors directly (no QUANT nodes).
   */
  public static DecoderGraph build(ModelConfig c, LayerShape shape, KvDatatype kv, boolean formatProjections) {
    return new DecoderGraphBuilder(c, shape, kv, formatProjections).build();
  }

  /**
   * As {@link #build(ModelConfig, LayerShape, KvDatatype, boolean)}, over a cache quantized with {@code kvQuant} when
   * present (its attention operands are fp16, as an fp16 cache's; only the scratch the scheduler attaches differs).
   */
  public static DecoderGraph build(ModelConfig c, LayerShape shape, KvDatatype kv, boolean formatProjections,
      java.util.Optional<dev.tritium.simulator.config.AttentionConfig.KvQuant> kvQuant) {
    DecoderGraphBuilder b = new DecoderGraphBuilder(c, shape, kv, formatProjections);
    b.kvQuant = java.util.Objects.requireNonNull(kvQuant, "kvQuant");
    return b.build();
  }

  private DecoderGraph build() {
    int m = shape.tokens();
    int d = c.hiddenSize();
    int f = c.intermediateSize();
    int group = c.numHeads() / c.numKvHeads();
    Tensor h = fp32("h", d);
    op("layer_input", OpKind.LAYER_INPUT, LayerKind.RESIDUAL, List.of(), List.of(h), null);

    Tensor xAttn = fp32("x_attn", d);
    op("attn_norm", OpKind.RMSNORM, LayerKind.NORMS, List.of(h), List.of(xAttn), null);
    Tensor[] qa = input("quant_attn", xAttn);
    Tensor q = projection(LayerKind.Q_PROJ, qa);
    Tensor k = projection(LayerKind.K_PROJ, qa);
    Tensor v = projection(LayerKind.V_PROJ, qa);
    Tensor qRot = fp32("q_rot", c.qDim());
    op("rope_q", OpKind.ROPE, LayerKind.ROPE, List.of(q), List.of(qRot), null);
    Tensor kRot = fp32("k_rot", c.kvDim());
    op("rope_k", OpKind.ROPE, LayerKind.ROPE, List.of(k), List.of(kRot), null);
    Tensor cache = new Tensor("kv_cache", TensorKind.KV_CACHE, 2 * c.numKvHeads() * shape.maxKeys(), c.headDim());
    op("kv_append", OpKind.KV_APPEND, LayerKind.ATTENTION, List.of(kRot, v), List.of(cache), null);
    TensorKind attnOperand = kv == KvDatatype.FP16 ? TensorKind.FP16 : TensorKind.INT8;
    Tensor qq = new Tensor("q_q", attnOperand, m, c.qDim());
    Tensor qs = new Tensor("q_scales", TensorKind.SCALES, m * c.numHeads(), 1);
    op("quant_q", OpKind.QUANT_Q, LayerKind.ATTENTION, List.of(qRot), List.of(qq, qs), null);
    int rows = m * c.numHeads();
    Tensor scores = new Tensor("scores", TensorKind.FP32, rows, shape.maxKeys(), group);
    op("qk", OpKind.QK, LayerKind.ATTENTION, List.of(qq, qs, cache), List.of(scores), null);
    Tensor probs = new Tensor("probs_q", attnOperand, rows, shape.maxKeys(), group);
    Tensor probScales = new Tensor("probs_scales", TensorKind.SCALES, rows, 1, group);
    op("softmax", OpKind.SOFTMAX, LayerKind.ATTENTION, List.of(scores, cache), List.of(probs, probScales), null);
    Tensor attn = fp32("attn", c.qDim());
    op("pv", OpKind.PV, LayerKind.ATTENTION, List.of(probs, probScales, cache), List.of(attn), null);
    Tensor attnIn = attn;
    if (c.subLayerNorms()) {
      attnIn = fp32("attn_normed", c.qDim());
      op("attn_sub_norm", OpKind.RMSNORM, LayerKind.NORMS, List.of(attn), List.of(attnIn), null);
    }
    Tensor o = projection(LayerKind.O_PROJ, input("quant_o", attnIn));
    Tensor h2 = fp32("h_mid", d);
    op("residual_attn", OpKind.RESIDUAL_ADD, LayerKind.RESIDUAL, List.of(h, o), List.of(h2), null);

    Tensor xFfn = fp32("x_ffn", d);
    op("ffn_norm", OpKind.RMSNORM, LayerKind.NORMS, List.of(h2), List.of(xFfn), null);
    Tensor[] qf = input("quant_ffn", xFfn);
    Tensor gate = projection(LayerKind.GATE_PROJ, qf);
    Tensor up = projection(LayerKind.UP_PROJ, qf);
    Tensor act = fp32("ffn_act", f);
    op("gate_act", OpKind.GATE_ACT, LayerKind.FFN_ACT, List.of(gate, up), List.of(act), null);
    Tensor actIn = act;
    if (c.subLayerNorms()) {
      actIn = fp32("ffn_act_normed", f);
      op("ffn_sub_norm", OpKind.RMSNORM, LayerKind.NORMS, List.of(act), List.of(actIn), null);
    }
    Tensor down = projection(LayerKind.DOWN_PROJ, input("quant_down", actIn));
    Tensor out = fp32("h_out", d);
    op("residual_ffn", OpKind.RESIDUAL_ADD, LayerKind.RESIDUAL, List.of(h2, down), List.of(out), null);
    op("layer_output", OpKind.LAYER_OUTPUT, LayerKind.RESIDUAL, List.of(out), List.of(), null);

    DirectedAcyclicGraph<OpNode, TensorEdge> g = new DirectedAcyclicGraph<>(TensorEdge.class);
    nodes.forEach(g::addVertex);
    for (OpNode n : nodes) {
      for (Tensor t : n.inputs()) {
        OpNode p = producers.get(t);
        if (p == null) {
          throw new IllegalStateException("tensor " + t.name() + " read by " + n.name() + " has no producer");
        }
        g.addEdge(p, n, new TensorEdge(t, n.name()));
      }
    }
    return new DecoderGraph(c, shape, kv, kvQuant, g);
  }

  private Tensor fp32(String name, int cols) {
    return new Tensor(name, TensorKind.FP32, shape.tokens(), cols);
  }

  /** A projection input: the QUANT node's {int8 tensor, scales}, or the fp32 tensor itself for format projections. */
  private Tensor[] input(String quantName, Tensor x) {
    return formatProjections ? new Tensor[] {x} : quant(quantName, x);
  }

  /** QUANT node: returns {int8 tensor, per-token scales}. */
  private Tensor[] quant(String name, Tensor x) {
    Tensor q = new Tensor(x.name() + "_q", TensorKind.INT8, x.rows(), x.cols());
    Tensor s = new Tensor(x.name() + "_scales", TensorKind.SCALES, x.rows(), 1);
    op(name, OpKind.QUANT, LayerKind.ACT_QUANT, List.of(x), List.of(q, s), null);
    return new Tensor[] {q, s};
  }

  private Tensor projection(LayerKind kind, Tensor[] in) {
    Tensor y = fp32(kind.label().replace("_proj", ""), kind.outFeatures(c));
    if (formatProjections) {
      op(kind.label(), OpKind.FORMAT_LINEAR, kind, List.of(in[0]), List.of(y), kind);
    } else {
      op(kind.label(), OpKind.BITLINEAR, kind, List.of(in[0], in[1]), List.of(y), kind);
    }
    return y;
  }

  private void op(String name, OpKind kind, LayerKind group, List<Tensor> in, List<Tensor> out, LayerKind proj) {
    OpNode n = new OpNode(name, kind, group, in, out, proj);
    nodes.add(n);
    for (Tensor t : out) {
      if (producers.put(t, n) != null) {
        throw new IllegalStateException("tensor " + t.name() + " produced twice");
      }
    }
  }
}
