package dev.tritium.models.count;

import dev.tritium.models.config.ModelConfig;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts in closed form from the config's shapes, each tensor's value counts and the phase (the
 * "analytic" way; {@link OpCounter} counts the same during a run, and the tests require equality).
 */
public final class AnalyticCounts {

  /** Value counts of the projection {@code kind} of layer {@code layer}. */
  @FunctionalInterface
  public interface WeightStats {
    TensorStats of(int layer, LayerKind kind);
  }

  private AnalyticCounts() {}

  /** The whole model at one phase. */
  public static CountBreakdown model(ModelConfig c, WeightStats stats, Phase phase, List<PackingSize> packings) {
    Map<LayerKind, OpCounts> ops = new EnumMap<>(LayerKind.class);
    Map<LayerKind, TrafficBytes> traffic = new EnumMap<>(LayerKind.class);
    for (int l = 0; l < c.numLayers(); l++) {
      CountBreakdown layer = layer(c, l, stats, phase, packings);
      layer.ops().forEach((k, v) -> ops.merge(k, v, OpCounts::plus));
      layer.traffic().forEach((k, v) -> traffic.merge(k, v, TrafficBytes::plus));
    }
    int d = c.hiddenSize();
    int m = phase.tokens();
    traffic.put(LayerKind.EMBEDDING, OpFormulas.embedding(d, m));
    if (phase.logitTokens() > 0) {
      ops.merge(LayerKind.NORMS, OpFormulas.rmsNorm(d).times(phase.logitTokens()), OpCounts::plus);
      traffic.merge(LayerKind.NORMS, OpFormulas.normCall(d), TrafficBytes::plus);
      ops.put(LayerKind.LM_HEAD, OpFormulas.lmHeadToken(c.vocabSize(), d).times(phase.logitTokens()));
      traffic.put(LayerKind.LM_HEAD, OpFormulas.lmHeadCall(c.vocabSize(), d, phase.logitTokens()));
    }
    return new CountBreakdown(ops, traffic);
  }

  /** One decoder layer at one phase. */
  public static CountBreakdown layer(ModelConfig c, int layer, WeightStats stats, Phase phase,
      List<PackingSize> packings) {
    Map<LayerKind, OpCounts> ops = new EnumMap<>(LayerKind.class);
    Map<LayerKind, TrafficBytes> traffic = new EnumMap<>(LayerKind.class);
    int m = phase.tokens();
    int d = c.hiddenSize();
    int f = c.intermediateSize();
    for (LayerKind kind : LayerKind.projections()) {
      int n = kind.outFeatures(c);
      int k = kind.inFeatures(c);
      TensorStats s = stats.of(layer, kind);
      if (s.total() != (long) n * k) {
        throw new IllegalArgumentException("layer " + layer + " " + kind.label() + " stats cover " + s.total()
            + " weights, the shape " + n + "x" + k + " has " + (long) n * k);
      }
      ops.put(kind, OpFormulas.projectionToken(n, s.plus(), s.minus(), s.total()).times(m));
      traffic.put(kind, OpFormulas.projectionCall(n, k, m, packings));
    }
    ops.put(LayerKind.ACT_QUANT, OpFormulas.activationQuant(d).times(2L * m)
        .plus(OpFormulas.activationQuant(c.qDim()).times(m))
        .plus(OpFormulas.activationQuant(f).times(m)));

    OpCounts norms = OpFormulas.rmsNorm(d).times(2L * m);
    TrafficBytes normBytes = OpFormulas.normCall(d).plus(OpFormulas.normCall(d));
    if (c.subLayerNorms()) {
      norms = norms.plus(OpFormulas.rmsNorm(c.qDim()).times(m)).plus(OpFormulas.rmsNorm(f).times(m));
      normBytes = normBytes.plus(OpFormulas.normCall(c.qDim())).plus(OpFormulas.normCall(f));
    }
    ops.put(LayerKind.NORMS, norms);
    traffic.put(LayerKind.NORMS, normBytes);

    OpCounts rope = OpFormulas.rope(c.numHeads(), c.numKvHeads(), c.headDim());
    if (c.qkHadamard()) {
      rope = rope.plus(OpFormulas.qkHadamard(c.numHeads(), c.numKvHeads(), c.headDim()));
    }
    ops.put(LayerKind.ROPE, rope.times(m));
    // Attention work is linear in the context, so the per-query sum collapses to the attended-key total.
    ops.put(LayerKind.ATTENTION, OpFormulas.attentionQuery(c.numHeads(), c.headDim(), phase.attendedKeys()));
    traffic.put(LayerKind.ATTENTION, OpFormulas.attentionQueryTraffic(c.kvDim(), phase.attendedKeys())
        .plus(new TrafficBytes(Map.of(), 0, 0, 0, 0, 0, OpFormulas.kvAppend(c.kvDim()).kvCacheWriteBytes() * m)));
    ops.put(LayerKind.FFN_ACT, OpFormulas.ffnActivation(c.activation(), f).times(m));
    ops.put(LayerKind.RESIDUAL, OpFormulas.residual(d).times(2L * m));
    return new CountBreakdown(ops, traffic);
  }
}
