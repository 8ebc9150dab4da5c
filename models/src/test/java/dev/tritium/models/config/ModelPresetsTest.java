package dev.tritium.models.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The presets against the published shapes of each model's released config.json (models/README.md). */
class ModelPresetsTest {

  private static void assertShape(ModelConfig c, int hidden, int ffn, int layers, int heads, int kvHeads, int headDim,
      int vocab, Activation act, double ropeTheta, boolean subNorms, boolean tied, int maxPos) {
    assertEquals(hidden, c.hiddenSize(), "hidden");
    assertEquals(ffn, c.intermediateSize(), "ffn");
    assertEquals(layers, c.numLayers(), "layers");
    assertEquals(heads, c.numHeads(), "heads");
    assertEquals(kvHeads, c.numKvHeads(), "kv heads");
    assertEquals(headDim, c.headDim(), "head dim");
    assertEquals(vocab, c.vocabSize(), "vocab");
    assertEquals(act, c.activation(), "activation");
    assertEquals(ropeTheta, c.ropeTheta(), "rope theta");
    assertEquals(1e-5, c.rmsNormEps(), "rms eps");
    assertEquals(subNorms, c.subLayerNorms(), "sub-layer norms");
    assertEquals(tied, c.tiedEmbeddings(), "tied embeddings");
    assertEquals(maxPos, c.maxPositionEmbeddings(), "max positions");
  }

  @Test
  void presetsMatchThePublishedShapes() {
    assertEquals(List.of("bitnet-b1.58-2b-4t", "bitnet-b1.58-large", "bitnet-b1.58-3b", "llama3-8b-1.58", "llama-2-7b",
        "llama-3-8b"), ModelPresets.names());
    assertShape(ModelPresets.byName("bitnet-b1.58-2b-4t"), 2560, 6912, 30, 20, 5, 128, 128256, Activation.RELU2,
        500000, true, true, 4096);
    assertShape(ModelPresets.byName("bitnet-b1.58-large"), 1536, 4096, 24, 16, 16, 96, 32002, Activation.SILU,
        10000, true, true, 2048);
    assertShape(ModelPresets.byName("bitnet-b1.58-3b"), 3200, 8640, 26, 32, 32, 100, 32002, Activation.SILU,
        10000, true, true, 2048);
    assertShape(ModelPresets.byName("llama3-8b-1.58"), 4096, 14336, 32, 32, 8, 128, 128256, Activation.SILU,
        500000, false, false, 8192);
    // the dense fp16/bf16 models the W4A4 / W2 papers quantise: Llama 2 is multi-head (32 KV heads), Llama 3 GQA
    assertShape(ModelPresets.byName("llama-2-7b"), 4096, 11008, 32, 32, 32, 128, 32000, Activation.SILU,
        10000, false, false, 4096);
    assertShape(ModelPresets.byName("llama-3-8b"), 4096, 14336, 32, 32, 8, 128, 128256, Activation.SILU,
        500000, false, false, 8192);
    assertEquals("bitnet-b1.58-2b-4t", ModelPresets.byName("bitnet-b1.58-2b-4t").name());
  }

  @Test
  void unknownPresetListsTheValidNames() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelPresets.byName("bitnet-2b"));
    assertTrue(e.getMessage().contains("bitnet-2b") && e.getMessage().contains("llama3-8b-1.58"), e.getMessage());
  }

  @Test
  void resolveAcceptsPresetsFilesAndDirectories(@TempDir Path dir) throws IOException {
    assertEquals(3200, ModelConfigs.resolve("bitnet-b1.58-3b").hiddenSize());
    Path model = dir.resolve("my-bitnet");
    Files.createDirectories(model);
    Path file = model.resolve("config.json");
    Files.writeString(file, ModelPresets.configJson("bitnet-b1.58-large").replace("1536", "768"));
    assertEquals(768, ModelConfigs.resolve(file.toString()).hiddenSize());
    assertEquals("my-bitnet", ModelConfigs.resolve(model.toString()).name());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelConfigs.resolve(dir.resolve("nope.json").toString()));
    assertTrue(e.getMessage().contains("bitnet-b1.58-2b-4t"), e.getMessage());
  }
}
