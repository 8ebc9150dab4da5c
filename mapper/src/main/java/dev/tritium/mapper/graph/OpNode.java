package dev.tritium.mapper.graph;

import dev.tritium.models.count.LayerKind;
import java.util.List;

/**
 * An operator of a decoder-layer graph.
 *
 * @param name unique in its graph, e.g. {@code q_proj}, {@code attn_norm}
 * @param kind what it computes
 * @param group the report row it is charged to (the models' {@link LayerKind}: q_proj ... down_proj,
 *     attention, norms, act_quant, rope, ffn_act, residual)
 * @param inputs tensors it reads, in operand order
 * @param outputs tensors it writes
 * @param projection for BITLINEAR and FORMAT_LINEAR nodes the projection kind, otherwise null
 */
public record OpNode(String name, OpKind kind, LayerKind group, List<Tensor> inputs, List<Tensor> outputs,
    LayerKind projection) {

  public OpNode {
    java.util.Objects.requireNonNull(name, "name");
    java.util.Objects.requireNonNull(kind, "kind");
    java.util.Objects.requireNonNull(group, "group");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    if ((kind == OpKind.BITLINEAR || kind == OpKind.FORMAT_LINEAR) != (projection != null)) {
      throw new IllegalArgumentException("op " + name + ": projection kind is set exactly for BITLINEAR and"
          + " FORMAT_LINEAR nodes");
    }
  }

  /** The single output, for ops that have one. */
  public Tensor output() {
    if (outputs.size() != 1) {
      throw new IllegalStateException("op " + name + " has " + outputs.size() + " outputs");
    }
    return outputs.get(0);
  }
}
