package dev.tritium.models.config;

import dev.tritium.models.io.GgufFile;
import java.util.List;
import java.util.Map;

/**
 * A {@link ModelConfig} from a GGUF file's metadata ({@code ARCH.embedding_length} and friends, as
 * llama.cpp and bitnet.cpp write them). Architectures: {@code bitnet-b1.58} and {@code bitnet-25}
 * (2B-4T: relu2, sub-layer norms), {@code bitnet} (1bitLLM: silu, sub-layer norms), {@code llama}
 * (silu, none). Embeddings count as tied when the file has no {@code output.weight} tensor.
 */
public final class GgufConfigReader {

  private record Arch(Activation activation, boolean subLayerNorms) {}

  private static final Map<String, Arch> ARCHITECTURES = Map.of(
      "bitnet-b1.58", new Arch(Activation.RELU2, true),
      "bitnet-25", new Arch(Activation.RELU2, true),
      "bitnet", new Arch(Activation.SILU, true),
      "llama", new Arch(Activation.SILU, false));

  private GgufConfigReader() {}

  /** Reads the model config of an opened GGUF file; {@code name} becomes the config's name. */
  public static ModelConfig read(GgufFile gguf, String name) {
    Map<String, Object> md = gguf.metadata();
    String source = gguf.file().toString();
    Object archValue = md.get("general.architecture");
    if (!(archValue instanceof String arch) || !ARCHITECTURES.containsKey(arch)) {
      throw new IllegalArgumentException(source + ": metadata 'general.architecture' is " + archValue
          + ", expected one of " + ARCHITECTURES.keySet());
    }
    Arch a = ARCHITECTURES.get(arch);
    int hidden = intKey(md, source, arch + ".embedding_length", null);
    int heads = intKey(md, source, arch + ".attention.head_count", null);
    int vocab;
    if (md.containsKey(arch + ".vocab_size")) {
      vocab = intKey(md, source, arch + ".vocab_size", null);
    } else if (md.get("tokenizer.ggml.tokens") instanceof List<?> tokens) {
      vocab = tokens.size();
    } else {
      throw new IllegalArgumentException(source + ": metadata needs '" + arch + ".vocab_size' or 'tokenizer.ggml.tokens'");
    }
    try {
      return new ModelConfig(
          name,
          hidden,
          intKey(md, source, arch + ".feed_forward_length", null),
          intKey(md, source, arch + ".block_count", null),
          heads,
          intKey(md, source, arch + ".attention.head_count_kv", heads),
          intKey(md, source, arch + ".attention.key_length", heads > 0 ? hidden / heads : null),
          vocab,
          number(md, source, arch + ".rope.freq_base", 10000.0),
          number(md, source, arch + ".attention.layer_norm_rms_epsilon", null),
          a.activation(),
          !gguf.tensors().containsKey("output.weight"),
          a.subLayerNorms(),
          intKey(md, source, arch + ".context_length", null));
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith(source)) {
        throw e;
      }
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static int intKey(Map<String, Object> md, String source, String key, Integer fallback) {
    Object v = md.get(key);
    if (v == null && fallback != null) {
      return fallback;
    }
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() <= 0
        || ((Number) v).longValue() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(source + ": metadata '" + key + "' " + (v == null ? "is missing" : "is " + v)
          + ", expected a positive integer");
    }
    return ((Number) v).intValue();
  }

  private static double number(Map<String, Object> md, String source, String key, Double fallback) {
    Object v = md.get(key);
    if (v == null && fallback != null) {
      return fallback;
    }
    if (!(v instanceof Float || v instanceof Double) || !(((Number) v).doubleValue() > 0)) {
      throw new IllegalArgumentException(source + ": metadata '" + key + "' " + (v == null ? "is missing" : "is " + v)
          + ", expected a positive float");
    }
    return ((Number) v).doubleValue();
  }
}
