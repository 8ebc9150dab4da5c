package dev.tritium.models.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The shipped model presets: the published Hugging Face {@code config.json} of each model, stored as
 * resources under {@code dev/tritium/models/config/presets/NAME.json} and read with
 * {@link HfConfigReader}, so a preset goes through exactly the same checks as a user's file.
 */
public final class ModelPresets {

  private static final List<String> NAMES =
      List.of("bitnet-b1.58-2b-4t", "bitnet-b1.58-large", "bitnet-b1.58-3b", "llama3-8b-1.58", "llama-2-7b",
          "llama-3-8b");

  private ModelPresets() {}

  /** Preset names, in a stable order. */
  public static List<String> names() {
    return NAMES;
  }

  /** True when {@code name} is a preset. */
  public static boolean exists(String name) {
    return NAMES.contains(name);
  }

  /** The preset's config; unknown names get an error listing the valid ones. */
  public static ModelConfig byName(String name) {
    if (!exists(name)) {
      throw new IllegalArgumentException("unknown model preset '" + name + "', expected one of: " + String.join(", ", NAMES));
    }
    return HfConfigReader.parse(configJson(name), "preset " + name, name);
  }

  /** The preset's config.json text, as shipped. */
  public static String configJson(String name) {
    String resource = "presets/" + name + ".json";
    try (InputStream in = ModelPresets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("preset resource missing from the build: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read preset resource " + resource, e);
    }
  }
}
