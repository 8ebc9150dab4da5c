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
 * @param qkHadamard an online Hadamard rotation of every query and key head after RoPE, before the KV cache
 *     (SpinQuant's R3; not a Hugging Face key: a rotated model's property, set by {@link #withQkHadamard}). Per
 *     head of {@code headDim} values: the models' {@code Hadamard.fwht} in fp32 (slices of the largest power of two
 *     b dividing headDim), then every value times {@code (float) (1 / sqrt(b))}. Scores are unchanged in exact
 *     arithmetic (the rotation is orthogonal and applied to both sides); what changes is what the KV cache
 *     quantizes.
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
    int maxPositionEmbeddings,
    boolean qkHadamard) {

  /** A config as a Hugging Face {@code config.json} gives it: no online rotation. */
  public ModelConfig(String name, int hiddenSize, int intermediateSize, int numLayers, int numHeads, int numKvHeads,
      int headDim, int vocabSize, double ropeTheta, double rmsNormEps, Activation activation, boolean tiedEmbeddings,
      boolean subLayerNorms, int maxPositionEmbeddings) {
    this(name, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads, headDim, vocabSize, ropeTheta,
        rmsNormEps, activation, tiedEmbeddings, subLayerNorms, maxPositionEmbeddings, false);
  }

  /** The same model with (or without) the online query/key head rotation. */
  public ModelConfig withQkHadamard(boolean on) {
    return new ModelConfig(name, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads, headDim, vocabSize,
        ropeTheta, rmsNormEps, activation, tiedEmbeddings, subLayerNorms, maxPositionEmbeddings, on);
  }

  public ModelConfig {
    requireIn("hidden_size", hiddenSize, MAX_WIDTH);
    requireIn("intermediate_size", intermediateSize, MAX_WIDTH);
    requireIn("num_hidden_layers", numLayers, MAX_LAYERS);
    requireIn("num_attention_heads", numHeads, MAX_HEADS);
    requireIn("num_key_value_heads", numKvHeads, MAX_HEADS);
    requireIn("head_dim", headDim, MAX_HEAD_DIM);
    requireIn("vocab_size", vocabSize, MAX_VOCAB);
    requireIn("max_position_embeddings", maxPositionEmbeddings, MAX_POSITIONS);
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

  // Size bounds: far above every published model (the widest hidden size is 16,384, the largest vocabulary
  // about 256k, the longest context a few million tokens), far below what overflows the element and byte
  // counts derived from them (vocab x hidden LM head bytes, layers x widths of weights, context x widths of
  // the KV cache, all in 64-bit arithmetic).
  static final int MAX_WIDTH = 1 << 18;
  static final int MAX_LAYERS = 4096;
  static final int MAX_HEADS = 4096;
  static final int MAX_HEAD_DIM = 8192;
  static final int MAX_VOCAB = 1 << 22;
  static final int MAX_POSITIONS = 1 << 26;

  private static void requireIn(String field, int value, int max) {
    if (value <= 0 || value > max) {
      throw new IllegalArgumentException(field + " must be in [1, " + max + "], got " + value);
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
