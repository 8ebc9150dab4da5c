package dev.tritium.models.nn;

import dev.tritium.models.config.Activation;
import dev.tritium.models.config.ModelConfig;

/** Small configs with awkward shapes (K not a multiple of 32, rows not a multiple of the tile). */
public final class TinyModels {

  private TinyModels() {}

  /** 2B-4T style: relu2, sub-layer norms, tied embeddings, GQA 4/2. */
  public static ModelConfig relu2SubNorms() {
    return new ModelConfig("tiny-relu2", 40, 70, 2, 4, 2, 10, 53, 10000, 1e-5, Activation.RELU2, true, true, 64);
  }

  /** LLaMA style: silu, no sub-layer norms, separate LM head, MHA. */
  public static ModelConfig siluPlain() {
    return new ModelConfig("tiny-silu", 48, 100, 3, 3, 3, 16, 61, 500000, 1e-6, Activation.SILU, false, false, 64);
  }
}
