package dev.tritium.mapper.graph;

import dev.tritium.simulator.config.AttentionConfig.KvDatatype;
import dev.tritium.simulator.config.AttentionConfig.KvQuant;
import dev.tritium.models.config.ModelConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.DirectedAcyclicGraph;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * One decoder layer as a dataflow graph (JGraphT): operator nodes, tensor edges with shapes and
 * bytes. Built by {@link DecoderGraphBuilder}; immutable once built.
 */
public final class DecoderGraph {

  private final ModelConfig config;
  private final LayerShape shape;
  private final DirectedAcyclicGraph<OpNode, TensorEdge> graph;
  private final Map<String, OpNode> byName;
  private final KvDatatype kvDatatype;
  private final java.util.Optional<KvQuant> kvQuant;

  DecoderGraph(ModelConfig config, LayerShape shape, KvDatatype kvDatatype, java.util.Optional<KvQuant> kvQuant,
      DirectedAcyclicGraph<OpNode, TensorEdge> graph) {
    this.config = config;
    this.shape = shape;
    this.kvDatatype = kvDatatype;
    this.kvQuant = kvQuant;
    this.graph = graph;
    Map<String, OpNode> m = new LinkedHashMap<>();
    for (OpNode n : graph.vertexSet()) {
      m.put(n.name(), n);
    }
    this.byName = m;
  }

  public ModelConfig config() {
    return config;
  }

  public LayerShape shape() {
    return shape;
  }

  /** The KV cache's datatype, which decides attention's operand tensors (int8 with scales, or fp16). */
  public KvDatatype kvDatatype() {
    return kvDatatype;
  }

  /** The cache's grid when it holds codes (dequantized to fp16 for attention); empty otherwise. */
  public java.util.Optional<KvQuant> kvQuant() {
    return kvQuant;
  }

  /** The JGraphT view (read it, do not modify it). */
  public Graph<OpNode, TensorEdge> graph() {
    return graph;
  }

  public OpNode node(String name) {
    OpNode n = byName.get(name);
    if (n == null) {
      throw new IllegalArgumentException("decoder graph has no operator '" + name + "'; it has " + byName.keySet());
    }
    return n;
  }

  public boolean hasNode(String name) {
    return byName.containsKey(name);
  }

  public List<OpNode> nodes() {
    return List.copyOf(byName.values());
  }

  /**
   * A topological order that respects every tensor dependency; among ready operators the one built
   * first (layer order) goes first, so the order is deterministic.
   */
  public List<OpNode> topologicalOrder() {
    List<OpNode> order = new ArrayList<>();
    List<OpNode> insertion = nodes();
    TopologicalOrderIterator<OpNode, TensorEdge> it = new TopologicalOrderIterator<>(graph,
        (a, b) -> Integer.compare(insertion.indexOf(a), insertion.indexOf(b)));
    it.forEachRemaining(order::add);
    return order;
  }

  /** Operators that read {@code node}'s outputs. */
  public List<OpNode> consumers(OpNode node) {
    List<OpNode> out = new ArrayList<>();
    for (TensorEdge e : graph.outgoingEdgesOf(node)) {
      OpNode t = graph.getEdgeTarget(e);
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** Total bytes over all edges (a tensor with k consumers counts k times). */
  public long edgeBytes() {
    return graph.edgeSet().stream().mapToLong(TensorEdge::bytes).sum();
  }
}
