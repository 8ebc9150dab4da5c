package dev.tritium.models.config;

/**
 * Shape and numerics of one BitNet b1.58 decoder-only model, as read from a Hugging Face
 * {@code config.json} or a shipped preset.
 *
 * @param name preset or file name the config came from (used in messages and reports)
 * @param hiddenSize model width d
 * @param intermediateSize FFN width
 * @param numLayers decoder layers
 * @param numHeads query heads
 * @param numKvHeads key/value heads (grouped-query attention when fewer than numHeads)
 * @param headDim per-head width (hidden / heads unless the config says otherwise)
 * @param vocabSize vocabulary size
 * @param ropeTheta RoPE base
 * @param rmsNormEps RMSNorm epsilon
 * @param activation gated FFN activation
 * @param tiedEmbeddings LM head shares the embedding matrix
 * @param subLayerNorms BitNet 2B-4T style attn_sub_norm and ffn_sub_norm before o_proj and down_proj
 * @param maxPositionEmbeddings maximum context length
 */
public record ModelConfig(
    String name,
    int hiddenSize,
    int intermediateSize,
    int numLayers,
    int numHeads,
    int numKvHeads,
    int headDim,
    int vocabSize,
    double ropeTheta,
    double rmsNormEps,
    Activation activation,
    boolean tiedEmbeddings,
    boolean subLayerNorms,
    int maxPositionEmbeddings) {

  public ModelConfig {
    requirePositive("hidden_size", hiddenSize);
    requirePositive("intermediate_size", intermediateSize);
    requirePositive("num_hidden_layers", numLayers);
    requirePositive("num_attention_heads", numHeads);
    requirePositive("num_key_value_heads", numKvHeads);
    requirePositive("head_dim", headDim);
    requirePositive("vocab_size", vocabSize);
    requirePositive("max_position_embeddings", maxPositionEmbeddings);
    if (numHeads % numKvHeads != 0) {
      throw new IllegalArgumentException(
          "num_attention_heads (" + numHeads + ") must be a multiple of num_key_value_heads (" + numKvHeads + ")");
    }
    if (headDim % 2 != 0) {
      throw new IllegalArgumentException("head_dim must be even for RoPE, got " + headDim);
    }
    if (!(ropeTheta > 0) || !(rmsNormEps > 0)) {
      throw new IllegalArgumentException("rope_theta and rms_norm_eps must be positive");
    }
    if (activation == null) {
      throw new IllegalArgumentException("activation must be set");
    }
  }

  private static void requirePositive(String field, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
  }

  /** Width of the q projection output: heads * headDim. */
  public int qDim() {
    return numHeads * headDim;
  }

  /** Width of the k and v projection outputs: kvHeads * headDim. */
  public int kvDim() {
    return numKvHeads * headDim;
  }
}
