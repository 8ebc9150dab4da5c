package dev.tritium.models.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.models.config.Activation;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model configs from GGUF metadata, in this package to reuse the test GGUF writer. */
class GgufConfigReaderTest {

  @TempDir Path dir;

  private GgufTestWriter bitnet2b4tMetadata(boolean withHeadCountKv) {
    String a = "bitnet-b1.58";
    GgufTestWriter w = new GgufTestWriter(3, 32)
        .kv("general.architecture", GgufFile.STRING, a)
        .kv(a + ".embedding_length", GgufFile.UINT32, 2560)
        .kv(a + ".feed_forward_length", GgufFile.UINT32, 6912)
        .kv(a + ".block_count", GgufFile.UINT32, 30)
        .kv(a + ".attention.head_count", GgufFile.UINT32, 20)
        .kv(a + ".rope.freq_base", GgufFile.FLOAT32, 500000f)
        .kv(a + ".attention.layer_norm_rms_epsilon", GgufFile.FLOAT32, 1e-5f)
        .kv(a + ".context_length", GgufFile.UINT32, 4096)
        .kvArray("tokenizer.ggml.tokens", GgufFile.STRING, List.of("a", "b", "c"));
    return withHeadCountKv ? w.kv(a + ".attention.head_count_kv", GgufFile.UINT32, 5) : w;
  }

  @Test
  void readsThe2B4TShapeFromMetadata() throws IOException {
    Path f = dir.resolve("ggml-model-i2_s.gguf");
    Files.write(f, bitnet2b4tMetadata(true).toBytes());
    ModelConfig c = ModelConfigs.resolve(f.toString());
    assertEquals("ggml-model-i2_s", c.name());
    assertEquals(2560, c.hiddenSize());
    assertEquals(6912, c.intermediateSize());
    assertEquals(30, c.numLayers());
    assertEquals(20, c.numHeads());
    assertEquals(5, c.numKvHeads());
    assertEquals(128, c.headDim());
    assertEquals(3, c.vocabSize(), "vocab from the token list when ARCH.vocab_size is absent");
    assertEquals(500000.0, c.ropeTheta());
    assertEquals(1e-5f, (float) c.rmsNormEps());
    assertEquals(Activation.RELU2, c.activation());
    assertTrue(c.subLayerNorms());
    assertTrue(c.tiedEmbeddings(), "no output.weight tensor");
    assertEquals(4096, c.maxPositionEmbeddings());
  }

  @Test
  void missingKeysAndArchitecturesAreNamed() throws IOException {
    Path f = dir.resolve("m.gguf");
    Files.write(f, new GgufTestWriter(3, 32).kv("general.architecture", GgufFile.STRING, "gpt2").toBytes());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelConfigs.resolve(f.toString()));
    assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("gpt2"), e.getMessage());
    Files.write(f, new GgufTestWriter(3, 32).kv("general.architecture", GgufFile.STRING, "bitnet").toBytes());
    e = assertThrows(IllegalArgumentException.class, () -> ModelConfigs.resolve(f.toString()));
    assertTrue(e.getMessage().contains("'bitnet.embedding_length' is missing"), e.getMessage());
    Files.write(f, bitnet2b4tMetadata(false).kv("bitnet-b1.58.attention.head_count_kv", GgufFile.UINT32, 3).toBytes());
    e = assertThrows(IllegalArgumentException.class, () -> ModelConfigs.resolve(f.toString()));
    assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("num_key_value_heads"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }
}
