package dev.tritium.mapper.schedule;

import dev.tritium.mapper.attention.KvCacheLayout;
import dev.tritium.mapper.graph.DecoderGraph;
import dev.tritium.mapper.graph.OpKind;
import dev.tritium.mapper.graph.OpNode;
import dev.tritium.mapper.graph.Tensor;
import dev.tritium.mapper.graph.TensorKind;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.simulator.config.AttentionConfig.KvDatatype;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders a decoder graph into steps: JGraphT's topological order (ties in layer order), with qk,
 * softmax and pv fused into one step, and each step's op-local scratch attached.
 */
public final class Scheduler {

  private Scheduler() {}

  public static List<Step> schedule(DecoderGraph g) {
    List<Step> steps = new ArrayList<>();
    List<OpNode> fused = new ArrayList<>();
    for (OpNode n : g.topologicalOrder()) {
      boolean attention = n.kind() == OpKind.QK || n.kind() == OpKind.SOFTMAX || n.kind() == OpKind.PV;
      if (attention) {
        fused.add(n);
        if (n.kind() == OpKind.PV) {
          steps.add(new Step(fused, attentionScratch(g)));
          fused = new ArrayList<>();
        }
        continue;
      }
      steps.add(new Step(List.of(n), scratch(g.config(), g, n)));
    }
    if (!fused.isEmpty()) {
      throw new IllegalStateException("attention ops not followed by pv: " + fused);
    }
    return steps;
  }

  private static List<Tensor> scratch(ModelConfig c, DecoderGraph g, OpNode n) {
    int m = g.shape().tokens();
    return switch (n.kind()) {
      case RMSNORM -> List.of(new Tensor(n.name() + ".gain", TensorKind.FP32, 1, n.output().cols()));
      case KV_APPEND -> List.of(
          g.kvQuant().isPresent()
              ? new Tensor("kv_append.kv_q", TensorKind.INT8, 1, Math.toIntExact(scratch(g).appendBytes(m)))
              : new Tensor("kv_append.kv_q", operand(g), 2 * m * c.numKvHeads(), c.headDim()),
          new Tensor("kv_append.scales", TensorKind.SCALES, 2 * m * c.numKvHeads(), 1),
          new Tensor("kv_append.inv_scales", TensorKind.SCALES, 2 * m * c.numKvHeads(), 1));
      default -> List.of();
    };
  }

  private static KvCacheLayout.Scratch scratch(DecoderGraph g) {
    return KvCacheLayout.scratch(g.config().numKvHeads(), g.config().headDim(), g.kvDatatype(), g.kvQuant());
  }

  /** The datatype of attention's ACT operands: int8, or fp16 with an fp16 KV cache. */
  private static TensorKind operand(DecoderGraph g) {
    return g.kvDatatype() == KvDatatype.FP16 ? TensorKind.FP16 : TensorKind.INT8;
  }

  /**
   * One kv head's K and V (int8 or fp16) and their inverse scales (unused with fp16), for every key the step's last
   * token sees.
   */
  private static List<Tensor> attentionScratch(DecoderGraph g) {
    ModelConfig c = g.config();
    int keys = g.shape().maxKeys();
    if (g.kvQuant().isPresent()) {
      // All kv heads' fp16 K (with the records KV_DEQUANT reads) and V: KvCacheLayout.Scratch.
      KvCacheLayout.Scratch s = scratch(g);
      return List.of(
          new Tensor("attention.k_slice", TensorKind.INT8, 1, Math.toIntExact(s.kSliceBytes(keys))),
          new Tensor("attention.v_slice", TensorKind.INT8, 1, Math.toIntExact(s.vSliceBytes(keys))),
          new Tensor("attention.k_inv_scales", TensorKind.SCALES, 1, keys),
          new Tensor("attention.v_inv_scales", TensorKind.SCALES, 1, keys));
    }
    return List.of(
        new Tensor("attention.k_slice", operand(g), keys, c.headDim()),
        new Tensor("attention.v_slice", operand(g), keys, c.headDim()),
        new Tensor("attention.k_inv_scales", TensorKind.SCALES, 1, keys),
        new Tensor("attention.v_inv_scales", TensorKind.SCALES, 1, keys));
  }
}
