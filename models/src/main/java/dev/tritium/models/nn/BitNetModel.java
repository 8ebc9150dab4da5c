package dev.tritium.models.nn;

import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.count.OpCounter;
import dev.tritium.models.count.OpFormulas;
import dev.tritium.models.kernel.MaskPackedWeights;
import dev.tritium.models.kernel.ParallelLoop;

/**
 * The BitNet b1.58 decoder (models/README.md, "The decoder"): embeddings, then per layer
 * {@code x = RMSNorm(h)}, q/k/v BitLinear, RoPE on q and k, causal GQA attention over the KV cache,
 * optional attn_sub_norm, {@code h += o_proj(.)}; {@code x = RMSNorm(h)},
 * {@code f = act(gate(x)) * up(x)}, optional ffn_sub_norm, {@code h += down_proj(f)}; final RMSNorm and
 * the LM head.
 *
 * <p>Every step is per token with a fixed op order (RMSNorm, quantization and dequantization per
 * token, exact integer accumulators, attention per query over keys 0..pos ascending), so a prefill of
 * a sequence and a prefill of a prefix followed by token-by-token decode give bit-identical logits.
 * Results do not depend on the {@link ParallelLoop}'s thread count.
 */
public final class BitNetModel {

  private final ModelConfig config;
  private final ModelWeights weights;
  private final Rope rope;
  private final float eps;

  public BitNetModel(ModelWeights weights) {
    this.weights = weights;
    this.config = weights.config();
    this.rope = new Rope(config.headDim(), config.ropeTheta());
    this.eps = (float) config.rmsNormEps();
  }

  public ModelConfig config() {
    return config;
  }

  public ModelWeights weights() {
    return weights;
  }

  /** An empty KV cache for up to {@code capacity} positions. */
  public KvCache newCache(int capacity) {
    if (capacity > config.maxPositionEmbeddings()) {
      throw new IllegalArgumentException("context of " + capacity + " tokens exceeds max_position_embeddings "
          + config.maxPositionEmbeddings());
    }
    return new KvCache(config.numLayers(), capacity, config.kvDim());
  }

  /**
   * Runs {@code tokens} at the cache's next positions (prefill when several, decode when one) and
   * appends their keys and values. Returns logits [n][vocab] for the last {@code logitTokens} tokens.
   */
  public float[][] forward(int[] tokens, KvCache cache, int logitTokens, ParallelLoop loop, OpCounter counter) {
    int m = tokens.length;
    if (m == 0) {
      throw new IllegalArgumentException("forward needs at least one token");
    }
    if (logitTokens < 0 || logitTokens > m) {
      throw new IllegalArgumentException("logit tokens must be in [0, " + m + "], got " + logitTokens);
    }
    int start = cache.length();
    if (start + m > cache.capacity()) {
      throw new IllegalArgumentException("KV cache holds " + cache.capacity() + " positions; " + start + " used, "
          + m + " more requested");
    }
    int d = config.hiddenSize();
    float[] h = new float[m * d];
    for (int t = 0; t < m; t++) {
      int id = tokens[t];
      if (id < 0 || id >= config.vocabSize()) {
        throw new IllegalArgumentException("token id " + id + " at position " + (start + t) + " is outside [0, "
            + config.vocabSize() + ")");
      }
      weights.embeddings().copyRow(id, h, t * d);
    }
    counter.add(LayerKind.EMBEDDING, OpFormulas.embedding(d, m));
    float[][] ropeTables = new float[m][];
    for (int t = 0; t < m; t++) {
      ropeTables[t] = rope.table(start + t);
    }
    for (int layer = 0; layer < config.numLayers(); layer++) {
      layer(layer, h, m, start, ropeTables, cache, loop, counter);
    }
    cache.advance(m);

    float[][] logits = new float[logitTokens][];
    int vocab = config.vocabSize();
    for (int i = 0; i < logitTokens; i++) {
      int t = m - logitTokens + i;
      float[] x = new float[d];
      RmsNorm.apply(h, t * d, d, weights.finalNorm(), eps, x, 0);
      logits[i] = new float[vocab];
      weights.lmHead().matVec(x, logits[i], loop);
      counter.add(LayerKind.NORMS, OpFormulas.rmsNorm(d));
      counter.add(LayerKind.LM_HEAD, OpFormulas.lmHeadToken(vocab, d));
    }
    if (logitTokens > 0) {
      counter.add(LayerKind.NORMS, OpFormulas.normCall(d));
      counter.add(LayerKind.LM_HEAD, OpFormulas.lmHeadCall(vocab, d, logitTokens));
    }
    return logits;
  }

  private void layer(int index, float[] h, int m, int start, float[][] ropeTables, KvCache cache, ParallelLoop loop,
      OpCounter counter) {
    LayerWeights w = weights.layers().get(index);
    int d = config.hiddenSize();
    int qDim = config.qDim();
    int kvDim = config.kvDim();
    int ffn = config.intermediateSize();

    float[] x = norm(h, m, d, w.inputNorm(), counter);
    TernaryProjection.Input xin = quantize(x, m, d, counter);
    float[] q = project(LayerKind.Q_PROJ, w, xin, m, loop, counter);
    float[] k = project(LayerKind.K_PROJ, w, xin, m, loop, counter);
    float[] v = project(LayerKind.V_PROJ, w, xin, m, loop, counter);
    for (int t = 0; t < m; t++) {
      rope.rotate(q, t * qDim, config.numHeads(), ropeTables[t]);
      rope.rotate(k, t * kvDim, config.numKvHeads(), ropeTables[t]);
      counter.add(LayerKind.ROPE, OpFormulas.rope(config.numHeads(), config.numKvHeads(), config.headDim()));
    }
    float[] keys = cache.keys(index);
    float[] values = cache.values(index);
    System.arraycopy(k, 0, keys, start * kvDim, m * kvDim);
    System.arraycopy(v, 0, values, start * kvDim, m * kvDim);
    float[] attn = new float[m * qDim];
    for (int t = 0; t < m; t++) {
      int context = start + t + 1;
      Attention.attend(q, t * qDim, keys, values, context, config.numHeads(), config.numKvHeads(), config.headDim(),
          attn, t * qDim);
      counter.add(LayerKind.ATTENTION, OpFormulas.attentionQuery(config.numHeads(), config.headDim(), context));
      counter.add(LayerKind.ATTENTION, OpFormulas.attentionQueryTraffic(kvDim, context));
      counter.add(LayerKind.ATTENTION, OpFormulas.kvAppend(kvDim));
    }
    if (config.subLayerNorms()) {
      attn = norm(attn, m, qDim, w.attnSubNorm(), counter);
    }
    float[] o = project(LayerKind.O_PROJ, w, quantize(attn, m, qDim, counter), m, loop, counter);
    residual(h, o, m, d, counter);

    float[] x2 = norm(h, m, d, w.postAttentionNorm(), counter);
    TernaryProjection.Input fin = quantize(x2, m, d, counter);
    float[] gate = project(LayerKind.GATE_PROJ, w, fin, m, loop, counter);
    float[] up = project(LayerKind.UP_PROJ, w, fin, m, loop, counter);
    FeedForwardActivation.applyInPlace(config.activation(), gate, up);
    counter.add(LayerKind.FFN_ACT, OpFormulas.ffnActivation(config.activation(), ffn).times(m));
    if (config.subLayerNorms()) {
      gate = norm(gate, m, ffn, w.ffnSubNorm(), counter);
    }
    float[] down = project(LayerKind.DOWN_PROJ, w, quantize(gate, m, ffn, counter), m, loop, counter);
    residual(h, down, m, d, counter);
  }

  /** A normalized copy of x [m][width]. */
  private float[] norm(float[] x, int m, int width, float[] gain, OpCounter counter) {
    float[] y = new float[m * width];
    for (int t = 0; t < m; t++) {
      RmsNorm.apply(x, t * width, width, gain, eps, y, t * width);
      counter.add(LayerKind.NORMS, OpFormulas.rmsNorm(width));
    }
    counter.add(LayerKind.NORMS, OpFormulas.normCall(width));
    return y;
  }

  private static TernaryProjection.Input quantize(float[] x, int m, int width, OpCounter counter) {
    counter.add(LayerKind.ACT_QUANT, OpFormulas.activationQuant(width).times(m));
    return TernaryProjection.quantize(x, m, width);
  }

  private static float[] project(LayerKind kind, LayerWeights w, TernaryProjection.Input in, int m, ParallelLoop loop,
      OpCounter counter) {
    MaskPackedWeights p = w.projection(kind);
    // Counted from the actual weights: the +1/-1 totals come from the masks' popcounts.
    long weightsInTensor = (long) p.rows() * p.cols();
    counter.add(kind, OpFormulas.projectionToken(p.rows(), p.plusCount(), p.minusCount(), weightsInTensor).times(m));
    counter.add(kind, OpFormulas.projectionCall(p.rows(), p.cols(), m, counter.packings()));
    return TernaryProjection.apply(p, in, loop);
  }

  private static void residual(float[] h, float[] delta, int m, int d, OpCounter counter) {
    for (int i = 0; i < m * d; i++) {
      h[i] += delta[i];
    }
    counter.add(LayerKind.RESIDUAL, OpFormulas.residual(d).times(m));
  }
}
