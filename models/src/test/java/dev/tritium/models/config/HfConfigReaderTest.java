package dev.tritium.models.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfConfigReaderTest {

  @TempDir Path dir;

  /** A minimal valid LLaMA-style config; tests edit one field at a time. */
  private static final String MINIMAL = "{\n"
      + "  \"architectures\": [\"LlamaForCausalLM\"],\n"
      + "  \"hidden_size\": 64,\n"
      + "  \"intermediate_size\": 160,\n"
      + "  \"num_hidden_layers\": 2,\n"
      + "  \"num_attention_heads\": 4,\n"
      + "  \"vocab_size\": 100,\n"
      + "  \"rms_norm_eps\": 1e-6,\n"
      + "  \"hidden_act\": \"silu\",\n"
      + "  \"max_position_embeddings\": 128\n"
      + "}";

  private Path write(String json) throws IOException {
    Path f = dir.resolve("tiny-model").resolve("config.json");
    Files.createDirectories(f.getParent());
    Files.writeString(f, json);
    return f;
  }

  private IllegalArgumentException rejects(String json) throws IOException {
    Path f = write(json);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HfConfigReader.read(f));
    assertTrue(e.getMessage().startsWith(f.toString() + ": "), "message names the file: " + e.getMessage());
    return e;
  }

  @Test
  void appliesHuggingFaceDefaults() throws IOException {
    ModelConfig c = HfConfigReader.read(write(MINIMAL));
    assertEquals("tiny-model", c.name());
    assertEquals(4, c.numKvHeads(), "num_key_value_heads defaults to num_attention_heads");
    assertEquals(16, c.headDim(), "head_dim defaults to hidden / heads");
    assertEquals(10000.0, c.ropeTheta(), "rope_theta defaults to 10000");
    assertFalse(c.tiedEmbeddings());
    assertFalse(c.subLayerNorms(), "LlamaForCausalLM has no sub-layer norms");
    assertEquals(Activation.SILU, c.activation());
    assertEquals(1e-6, c.rmsNormEps());
  }

  @Test
  void readsExplicitFieldsAndTransformers5RopeParameters() throws IOException {
    ModelConfig c = HfConfigReader.read(write(MINIMAL.replace("\"vocab_size\": 100,",
        "\"vocab_size\": 100, \"num_key_value_heads\": 2, \"head_dim\": 32, \"tie_word_embeddings\": true,"
            + " \"rope_parameters\": {\"rope_theta\": 250000.0, \"rope_type\": \"default\"},")
        .replace("LlamaForCausalLM", "BitNetForCausalLM").replace("\"silu\"", "\"relu2\"")));
    assertEquals(2, c.numKvHeads());
    assertEquals(32, c.headDim());
    assertEquals(250000.0, c.ropeTheta());
    assertTrue(c.tiedEmbeddings());
    assertTrue(c.subLayerNorms());
    assertEquals(Activation.RELU2, c.activation());
  }

  @Test
  void missingRequiredFieldIsNamed() throws IOException {
    IllegalArgumentException e = rejects(MINIMAL.replace("\"hidden_size\": 64,\n", ""));
    assertTrue(e.getMessage().contains("'hidden_size'") && e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void wrongTypesAreNamedWithTheExpectation() throws IOException {
    IllegalArgumentException e = rejects(MINIMAL.replace("\"hidden_size\": 64", "\"hidden_size\": \"64\""));
    assertTrue(e.getMessage().contains("'hidden_size'") && e.getMessage().contains("positive integer"), e.getMessage());
    e = rejects(MINIMAL.replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 2.5"));
    assertTrue(e.getMessage().contains("'num_hidden_layers'"), e.getMessage());
    e = rejects(MINIMAL.replace("\"rms_norm_eps\": 1e-6", "\"rms_norm_eps\": -1"));
    assertTrue(e.getMessage().contains("'rms_norm_eps'") && e.getMessage().contains("positive number"), e.getMessage());
    e = rejects(MINIMAL.replace("\"vocab_size\": 100,", "\"vocab_size\": 100, \"tie_word_embeddings\": \"yes\","));
    assertTrue(e.getMessage().contains("'tie_word_embeddings'") && e.getMessage().contains("true or false"), e.getMessage());
  }

  @Test
  void unknownKeysAreRejectedByNameButHubBookkeepingIsAccepted() throws IOException {
    IllegalArgumentException e = rejects(MINIMAL.replace("\"num_hidden_layers\"", "\"num_hiden_layers\""));
    assertTrue(e.getMessage().contains("unknown field 'num_hiden_layers'"), e.getMessage());
    HfConfigReader.read(write(MINIMAL.replace("{", "{\"torch_dtype\": \"bfloat16\", \"bos_token_id\": 1,"
        + " \"quantization_config\": {\"quant_method\": \"bitnet\"}, \"transformers_version\": \"4.44.0\",")));
  }

  @Test
  void unsupportedArchitectureActivationAndFeaturesAreRejected() throws IOException {
    IllegalArgumentException e = rejects(MINIMAL.replace("LlamaForCausalLM", "GPT2LMHeadModel"));
    assertTrue(e.getMessage().contains("'architectures'") && e.getMessage().contains("BitNetForCausalLM"), e.getMessage());
    e = rejects(MINIMAL.replace("\"silu\"", "\"gelu\""));
    assertTrue(e.getMessage().contains("'hidden_act'") && e.getMessage().contains("gelu"), e.getMessage());
    e = rejects(MINIMAL.replace("{", "{\"rope_scaling\": {\"type\": \"linear\", \"factor\": 2.0},"));
    assertTrue(e.getMessage().contains("'rope_scaling'"), e.getMessage());
    e = rejects(MINIMAL.replace("{", "{\"attention_bias\": true,"));
    assertTrue(e.getMessage().contains("'attention_bias'"), e.getMessage());
  }

  @Test
  void inconsistentShapesNameTheFile() throws IOException {
    IllegalArgumentException e = rejects(MINIMAL.replace("\"vocab_size\": 100,", "\"vocab_size\": 100, \"num_key_value_heads\": 3,"));
    assertTrue(e.getMessage().contains("num_key_value_heads"), e.getMessage());
    e = rejects(MINIMAL.replace("\"hidden_size\": 64", "\"hidden_size\": 66"));
    assertTrue(e.getMessage().contains("'head_dim'"), e.getMessage());
  }

  @Test
  void badJsonAndDuplicateKeysAreRejected() throws IOException {
    IllegalArgumentException e = rejects(MINIMAL.replace("\"hidden_size\": 64,", "\"hidden_size\": 64"));
    assertTrue(e.getMessage().contains("not valid JSON") && e.getMessage().contains("line"), e.getMessage());
    e = rejects(MINIMAL.replace("{", "{\"hidden_size\": 32,"));
    assertTrue(e.getMessage().contains("hidden_size"), e.getMessage());
    rejects("[1, 2]");
  }

  /** Sizes beyond every published model are refused by field (vocab 2^31 - 1 used to give a 321-cycle LM head). */
  @Test
  void sizesBeyondAnyModelAreRefused() throws IOException {
    IllegalArgumentException e = rejects(MINIMAL.replace("\"vocab_size\": 100", "\"vocab_size\": 2147483647"));
    assertTrue(e.getMessage().contains("vocab_size must be in [1, 4194304], got 2147483647"), e.getMessage());
    e = rejects(MINIMAL.replace("\"hidden_size\": 64", "\"hidden_size\": 1073741824"));
    assertTrue(e.getMessage().contains("hidden_size must be in [1, 262144]"), e.getMessage());
  }

  /** NaN is named as the problem, with no advice to enable a parser feature. */
  @Test
  void nanIsNamedWithoutParserAdvice() throws IOException {
    IllegalArgumentException e = rejects(MINIMAL.replace("\"rms_norm_eps\": 1e-6", "\"rms_norm_eps\": NaN"));
    assertTrue(e.getMessage().contains("not valid JSON at line 8") && e.getMessage().contains("found NaN, which is not a "
        + "number in JSON (expected a finite number)"), e.getMessage());
    assertTrue(!e.getMessage().contains("enable") && !e.getMessage().contains("JsonReadFeature"), e.getMessage());
  }
}
