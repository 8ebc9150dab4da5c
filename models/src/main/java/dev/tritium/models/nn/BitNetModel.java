package dev.tritium.models.nn;

import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.count.OpCounter;
import dev.tritium.models.count.OpFormulas;
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
  private final float eps;
  private final DecoderLayer decoderLayer;

  public BitNetModel(ModelWeights weights) {
    this.weights = weights;
    this.config = weights.config();
    this.eps = (float) config.rmsNormEps();
    this.decoderLayer = new DecoderLayer(config);
  }

  public ModelConfig config() {
    return config;
  }

  public ModelWeights weights() {
    return weights;
  }

  /** An empty KV cache for up to {@code capacity} positions. */
  public KvCache newCache(int capacity) {
    return newCache(capacity, KvStore.FP32);
  }

  /** A cache whose keys and values are kept as {@code store} gives them back (a low-bit KV-cache format). */
  public KvCache newCache(int capacity, KvStore store) {
    if (capacity > config.maxPositionEmbeddings()) {
      throw new IllegalArgumentException("context of " + capacity + " tokens exceeds max_position_embeddings "
          + config.maxPositionEmbeddings());
    }
    return new KvCache(config.numLayers(), capacity, config.kvDim(), store);
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
    float[][] ropeTables = decoderLayer.ropeTables(start, m);
    for (int layer = 0; layer < config.numLayers(); layer++) {
      decoderLayer.run(weights.layers().get(layer), layer, h, m, start, ropeTables, cache, loop, counter,
          LayerObserver.NONE);
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
}
