package dev.tritium.models.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tritium.common.io.InputFiles;
import dev.tritium.common.text.ParserMessages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a Hugging Face {@code config.json} of a BitNet b1.58 model into a {@link ModelConfig}.
 *
 * <p>Supported architectures and the sub-layer-norm decision (the config has no field for it):
 * <ul>
 *   <li>{@code BitNetForCausalLM} (microsoft/bitnet-b1.58-2B-4T): sub-layer norms (attn_sub_norm,
 *       ffn_sub_norm);
 *   <li>{@code BitnetForCausalLM} (1bitLLM bitnet_b1_58-large / -3B): sub-layer norms too, stored as
 *       {@code self_attn.inner_attn_ln} and {@code mlp.ffn_layernorm} (llama.cpp maps them to
 *       attn_sub_norm / ffn_sub_norm);
 *   <li>{@code LlamaForCausalLM} (HF1BitLLM Llama3-8B-1.58): the plain LLaMA block, no sub-layer norms.
 * </ul>
 *
 * <p>Defaults follow Hugging Face: num_key_value_heads = num_attention_heads, head_dim = hidden_size /
 * num_attention_heads, rope_theta = 10000, tie_word_embeddings = false (LlamaConfig's default). All other
 * fields the model needs are required. Keys outside {@link #KNOWN_KEYS} are rejected by name, so a typo
 * such as {@code num_hiden_layers} is caught; the known keys cover every key of the four shipped
 * configs plus common Hugging Face bookkeeping keys that do not affect the numerics.
 */
public final class HfConfigReader {

  /** Architectures we can run, and whether they carry sub-layer norms. */
  static final Map<String, Boolean> SUB_LAYER_NORMS_BY_ARCHITECTURE = Map.of(
      "BitNetForCausalLM", true,
      "BitnetForCausalLM", true,
      "LlamaForCausalLM", false);

  /** Keys that are read. */
  static final Set<String> MODEL_KEYS = Set.of(
      "architectures", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads",
      "num_key_value_heads", "head_dim", "vocab_size", "rope_theta", "rope_parameters", "rope_scaling",
      "rms_norm_eps", "hidden_act", "tie_word_embeddings", "max_position_embeddings", "attention_bias", "mlp_bias");

  /** Keys accepted and ignored: bookkeeping, training-only or tokenizer fields. */
  static final Set<String> HARMLESS_KEYS = Set.of(
      "_name_or_path", "model_type", "torch_dtype", "dtype", "transformers_version", "bos_token_id",
      "eos_token_id", "pad_token_id", "use_cache", "initializer_range", "attention_dropout", "pretraining_tp",
      "quantization_config", "input_bits", "weight_bits", "auto_map", "output_attentions",
      "output_hidden_states", "return_dict", "tokenizer_class", "use_return_dict");

  /** Every key this reader accepts. */
  public static final Set<String> KNOWN_KEYS = union(MODEL_KEYS, HARMLESS_KEYS);

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private HfConfigReader() {}

  /** Reads a config.json file; the config is named after the file's parent directory. */
  public static ModelConfig read(Path file) throws IOException {
    String json = InputFiles.text(file, "a Hugging Face config.json");
    Path parent = file.toAbsolutePath().getParent();
    String name = parent != null && parent.getFileName() != null ? parent.getFileName().toString() : file.toString();
    return parse(json, file.toString(), name);
  }

  /**
   * Parses config JSON. {@code source} names the origin in error messages (a file path or a preset);
   * {@code name} becomes {@link ModelConfig#name()}.
   */
  public static ModelConfig parse(String json, String source, String name) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new IllegalArgumentException(source + ": not valid JSON" + where + ": "
          + ParserMessages.clean(e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + ": expected a JSON object at the top level");
    }
    Fields f = new Fields(source, root);
    rejectUnknownKeys(source, root);

    String architecture = architecture(f);
    Activation activation = activation(f);
    int hidden = f.positiveInt("hidden_size");
    int heads = f.positiveInt("num_attention_heads");
    int kvHeads = f.has("num_key_value_heads") ? f.positiveInt("num_key_value_heads") : heads;
    int headDim;
    if (f.has("head_dim")) {
      headDim = f.positiveInt("head_dim");
    } else if (hidden % heads == 0) {
      headDim = hidden / heads;
    } else {
      throw f.error("head_dim", "is absent and hidden_size " + hidden + " is not a multiple of num_attention_heads "
          + heads + "; set head_dim explicitly");
    }
    f.requireFalseOrAbsent("attention_bias", "attention biases are not modelled");
    f.requireFalseOrAbsent("mlp_bias", "MLP biases are not modelled");
    if (f.has("rope_scaling") && !root.get("rope_scaling").isNull()) {
      throw f.error("rope_scaling", "only plain RoPE is modelled, expected null, got " + root.get("rope_scaling"));
    }
    try {
      return new ModelConfig(
          name,
          hidden,
          f.positiveInt("intermediate_size"),
          f.positiveInt("num_hidden_layers"),
          heads,
          kvHeads,
          headDim,
          f.positiveInt("vocab_size"),
          ropeTheta(f, root),
          f.positiveDouble("rms_norm_eps"),
          activation,
          f.has("tie_word_embeddings") && f.bool("tie_word_embeddings"),
          SUB_LAYER_NORMS_BY_ARCHITECTURE.get(architecture),
          f.positiveInt("max_position_embeddings"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static String architecture(Fields f) {
    JsonNode arch = f.required("architectures");
    if (!arch.isArray() || arch.size() != 1 || !arch.get(0).isTextual()) {
      throw f.error("architectures", "expected a list of one architecture name, got " + arch);
    }
    String name = arch.get(0).asText();
    if (!SUB_LAYER_NORMS_BY_ARCHITECTURE.containsKey(name)) {
      throw f.error("architectures", "unsupported architecture '" + name + "', expected one of "
          + new TreeSet<>(SUB_LAYER_NORMS_BY_ARCHITECTURE.keySet()));
    }
    return name;
  }

  private static Activation activation(Fields f) {
    String act = f.string("hidden_act");
    Activation a = Activation.fromHfName(act);
    if (a == null) {
      throw f.error("hidden_act", "unsupported activation '" + act + "', expected relu2 or silu");
    }
    return a;
  }

  /** rope_theta, or transformers 5's rope_parameters.rope_theta, or the Hugging Face default 10000. */
  private static double ropeTheta(Fields f, JsonNode root) {
    if (f.has("rope_theta")) {
      return f.positiveDouble("rope_theta");
    }
    JsonNode params = root.get("rope_parameters");
    if (params != null && !params.isNull()) {
      if (!params.isObject()) {
        throw f.error("rope_parameters", "expected an object, got " + params);
      }
      return new Fields(f.source + " rope_parameters", params).positiveDouble("rope_theta");
    }
    return 10000.0;
  }

  private static void rejectUnknownKeys(String source, JsonNode root) {
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KNOWN_KEYS.contains(key)) {
        throw new IllegalArgumentException(source + ": unknown field '" + key
            + "' (a typo? known fields are: " + new TreeSet<>(KNOWN_KEYS) + ")");
      }
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    TreeSet<String> all = new TreeSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  /** Typed access to one JSON object's fields with errors naming the source and field. */
  private static final class Fields {
    final String source;
    final JsonNode node;

    Fields(String source, JsonNode node) {
      this.source = source;
      this.node = node;
    }

    boolean has(String field) {
      return node.has(field);
    }

    IllegalArgumentException error(String field, String what) {
      return new IllegalArgumentException(source + ": field '" + field + "': " + what);
    }

    JsonNode required(String field) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        throw error(field, "is required but missing");
      }
      return v;
    }

    int positiveInt(String field) {
      JsonNode v = required(field);
      if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() <= 0) {
        throw error(field, "expected a positive integer, got " + v);
      }
      return v.asInt();
    }

    double positiveDouble(String field) {
      JsonNode v = required(field);
      if (!v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
        throw error(field, "expected a positive number, got " + v);
      }
      return v.asDouble();
    }

    boolean bool(String field) {
      JsonNode v = required(field);
      if (!v.isBoolean()) {
        throw error(field, "expected true or false, got " + v);
      }
      return v.asBoolean();
    }

    String string(String field) {
      JsonNode v = required(field);
      if (!v.isTextual()) {
        throw error(field, "expected a string, got " + v);
      }
      return v.asText();
    }

    void requireFalseOrAbsent(String field, String why) {
      JsonNode v = node.get(field);
      if (v != null && !v.isNull() && bool(field)) {
        throw error(field, why + ", expected false");
      }
    }
  }
}
