package dev.tritium.models.config;

import dev.tritium.models.io.GgufFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves what a user typed after {@code --model}: a preset name, a config.json file, a model directory,
 * or a {@code .gguf} file (config from its metadata).
 */
public final class ModelConfigs {

  private ModelConfigs() {}

  /**
   * A preset by name, else a config.json path, else a directory holding config.json. Anything else gets
   * an error listing the presets.
   */
  public static ModelConfig resolve(String nameOrPath) throws IOException {
    if (ModelPresets.exists(nameOrPath)) {
      return ModelPresets.byName(nameOrPath);
    }
    Path path = Path.of(nameOrPath);
    if (Files.isDirectory(path) && Files.isRegularFile(path.resolve("config.json"))) {
      return HfConfigReader.read(path.resolve("config.json"));
    }
    if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".gguf")) {
      String name = path.getFileName().toString().replaceFirst("\\.gguf$", "");
      return GgufConfigReader.read(GgufFile.open(path), name);
    }
    if (Files.isRegularFile(path)) {
      return HfConfigReader.read(path);
    }
    throw new IllegalArgumentException("model '" + nameOrPath + "' is neither a preset (" + String.join(", ", ModelPresets.names())
        + ") nor a config.json file, a directory holding one, or a .gguf file");
  }
}
