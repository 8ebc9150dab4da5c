package dev.tritium.mapper.schedule;

import dev.tritium.mapper.graph.DecoderGraph;
import dev.tritium.mapper.graph.OpKind;
import dev.tritium.mapper.graph.OpNode;
import dev.tritium.mapper.graph.Tensor;
import dev.tritium.mapper.graph.TensorKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The phases of a prefill chunk, read off the decoder graph (mapper/README.md, "Prefill in phases"): the
 * graph's operators in topological order, cut into maximal runs of BITLINEAR projections (each run with m =
 * chunk tokens) and the runs of vector operators between them (done a few token rows per pass). For the
 * BitNet decoder that is nine phases: norm+quant, q/k/v, RoPE+attention(+sub-norm)+quant, o, residual+norm+quant,
 * gate/up, gating(+sub-norm)+quant, down, residual. Nothing about the layer is written here a second time:
 * a new operator in the graph lands in the phase its dependencies put it in.
 */
record PrefillPhases(List<Phase> phases) {

  PrefillPhases {
    phases = List.copyOf(phases);
  }

  /** One phase: its operators in graph order. */
  sealed interface Phase permits Projections, Rows {
    List<OpNode> ops();
  }

  /** A run of projections, each over the whole chunk. */
  record Projections(List<OpNode> ops) implements Phase {
    Projections {
      ops = List.copyOf(ops);
    }
  }

  /**
   * A run of vector operators, done a few token rows per pass.
   *
   * @param dramInputs the fp32 row tensors it reads that an earlier phase produced (they come from DRAM), in
   *     the order they are first read
   * @param stored the tensors it produces that a later phase reads (they go to DRAM)
   * @param gainCols the widest row it norms or quantizes: the width of its one norm-gain slot (0 if none)
   */
  record Rows(List<OpNode> ops, List<Tensor> dramInputs, Set<Tensor> stored, int gainCols) implements Phase {
    Rows {
      ops = List.copyOf(ops);
      dramInputs = List.copyOf(dramInputs);
      stored = Set.copyOf(stored);
    }

    boolean hasAttention() {
      return ops.stream().anyMatch(o -> o.kind() == OpKind.PV);
    }

    /** A short name for messages: its first and last operator. */
    String label() {
      return ops.get(0).name() + ".." + ops.get(ops.size() - 1).name();
    }
  }

  static PrefillPhases of(DecoderGraph graph) {
    List<List<OpNode>> runs = new ArrayList<>();
    List<OpNode> run = new ArrayList<>();
    Boolean projecting = null;
    for (OpNode n : graph.topologicalOrder()) {
      if (n.kind() == OpKind.LAYER_INPUT || n.kind() == OpKind.LAYER_OUTPUT) {
        continue;
      }
      boolean p = n.kind() == OpKind.BITLINEAR;
      if (projecting != null && p != projecting) {
        runs.add(run);
        run = new ArrayList<>();
      }
      run.add(n);
      projecting = p;
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    List<Phase> phases = new ArrayList<>();
    for (List<OpNode> ops : runs) {
      phases.add(ops.get(0).kind() == OpKind.BITLINEAR ? new Projections(ops) : rows(graph, ops));
    }
    return new PrefillPhases(phases);
  }

  private static Rows rows(DecoderGraph graph, List<OpNode> ops) {
    Set<Tensor> produced = new LinkedHashSet<>();
    ops.forEach(o -> produced.addAll(o.outputs()));
    Set<Tensor> dramInputs = new LinkedHashSet<>();
    Set<Tensor> stored = new LinkedHashSet<>();
    int gainCols = 0;
    int norms = 0;
    for (OpNode o : ops) {
      for (Tensor t : o.inputs()) {
        if (!produced.contains(t) && t.kind() == TensorKind.FP32) {
          dramInputs.add(t);
        }
      }
      if (o.kind() == OpKind.RMSNORM || o.kind() == OpKind.QUANT) {
        gainCols = Math.max(gainCols, o.inputs().get(0).cols());
      }
      if (o.kind() == OpKind.RMSNORM) {
        norms++;
      }
      for (OpNode consumer : graph.consumers(o)) {
        if (!ops.contains(consumer) && consumer.kind() != OpKind.BITLINEAR) {
          stored.addAll(o.outputs());
        }
      }
    }
    if (norms > 1) {
      // The pass keeps one gain slot, loaded at the first pass and reused by the others.
      throw new IllegalStateException("a vector phase holds " + norms + " norms; the phased compiler keeps one gain");
    }
    return new Rows(ops, List.copyOf(dramInputs), stored, gainCols);
  }
}
