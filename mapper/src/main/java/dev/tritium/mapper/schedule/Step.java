package dev.tritium.mapper.schedule;

import dev.tritium.mapper.graph.OpNode;
import dev.tritium.mapper.graph.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One scheduling step: usually one operator; attention's qk, softmax and pv form one fused step
 * (emitted as one loop over (token, kv head), so their slices and K/V scratch are live together).
 *
 * @param nodes the operators, in order
 * @param scratch op-local on-chip buffers (gains, K/V slices, KV-append staging) live only in this step
 */
public record Step(List<OpNode> nodes, List<Tensor> scratch) {

  public Step {
    nodes = List.copyOf(nodes);
    scratch = List.copyOf(scratch);
  }

  public String name() {
    return String.join("+", nodes.stream().map(OpNode::name).toList());
  }

  /** Tensors read from outside the step. */
  public List<Tensor> externalInputs() {
    Set<Tensor> produced = new LinkedHashSet<>();
    Set<Tensor> in = new LinkedHashSet<>();
    for (OpNode n : nodes) {
      for (Tensor t : n.inputs()) {
        if (!produced.contains(t)) {
          in.add(t);
        }
      }
      produced.addAll(n.outputs());
    }
    return new ArrayList<>(in);
  }

  /** Every tensor the step writes. */
  public List<Tensor> outputs() {
    List<Tensor> out = new ArrayList<>();
    nodes.forEach(n -> out.addAll(n.outputs()));
    return out;
  }
}
