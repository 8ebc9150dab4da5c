package dev.tritium.models.nn;

import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.kernel.Bf16Matrix;
import dev.tritium.models.kernel.PackedTernary;
import java.util.List;
import java.util.Objects;

/**
 * All weights of a model, checked against its config's shapes. With tied embeddings {@code lmHead} is
 * the embedding matrix itself.
 */
public record ModelWeights(
    ModelConfig config, Bf16Matrix embeddings, List<LayerWeights> layers, float[] finalNorm, Bf16Matrix lmHead) {

  public ModelWeights {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(embeddings, "embed_tokens");
    Objects.requireNonNull(finalNorm, "norm");
    Objects.requireNonNull(lmHead, "lm_head");
    layers = List.copyOf(layers);
    int d = config.hiddenSize();
    requireShape("embed_tokens", embeddings.rows(), embeddings.cols(), config.vocabSize(), d);
    requireShape("lm_head", lmHead.rows(), lmHead.cols(), config.vocabSize(), d);
    if (config.tiedEmbeddings() && lmHead != embeddings) {
      throw new IllegalArgumentException("config ties embeddings, so lm_head must be the embedding matrix");
    }
    if (layers.size() != config.numLayers()) {
      throw new IllegalArgumentException("config has " + config.numLayers() + " layers, weights have " + layers.size());
    }
    requireLength("norm", finalNorm, d);
    for (int i = 0; i < layers.size(); i++) {
      LayerWeights l = layers.get(i);
      String p = "layers." + i + ".";
      requireLength(p + "input_layernorm", l.inputNorm(), d);
      requireLength(p + "post_attention_layernorm", l.postAttentionNorm(), d);
      for (LayerKind kind : LayerKind.projections()) {
        PackedTernary w = l.projection(kind);
        requireShape(p + kind.label(), w.rows(), w.cols(), kind.outFeatures(config), kind.inFeatures(config));
      }
      if (config.subLayerNorms()) {
        requireLength(p + "attn_sub_norm", l.attnSubNorm(), config.qDim());
        requireLength(p + "ffn_sub_norm", l.ffnSubNorm(), config.intermediateSize());
      } else if (l.attnSubNorm() != null || l.ffnSubNorm() != null) {
        throw new IllegalArgumentException(p + " has sub-layer norms but the config has none");
      }
    }
  }

  private static void requireShape(String name, int rows, int cols, int wantRows, int wantCols) {
    if (rows != wantRows || cols != wantCols) {
      throw new IllegalArgumentException(
          name + " is " + rows + "x" + cols + ", the config expects " + wantRows + "x" + wantCols);
    }
  }

  private static void requireLength(String name, float[] v, int want) {
    if (v == null || v.length != want) {
      throw new IllegalArgumentException(
          name + " has " + (v == null ? "no" : String.valueOf(v.length)) + " values, the config expects " + want);
    }
  }
}
