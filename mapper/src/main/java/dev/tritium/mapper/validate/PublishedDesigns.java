package dev.tritium.mapper.validate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tritium.common.yaml.YamlLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The published designs {@code tritium validate} knows: one YAML file each under {@code published/}. */
public final class PublishedDesigns {

  /** The designs, in the order validate prints them. */
  private static final List<String> NAMES = List.of("tellme-kv260");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private PublishedDesigns() {}

  public static List<String> names() {
    return NAMES;
  }

  /** Every published design. */
  public static List<PublishedDesign> all() {
    List<PublishedDesign> out = new ArrayList<>();
    for (String n : NAMES) {
      out.add(byName(n));
    }
    return out;
  }

  /** One design by name. */
  public static PublishedDesign byName(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown published design '" + name + "' (known: " + String.join(", ", NAMES)
          + ")");
    }
    String resource = "/published/" + name + ".yaml";
    try (InputStream in = PublishedDesigns.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      YamlLines.of(text, resource); // the kit's YAML rules: no anchors or aliases
      return YAML.readValue(text, PublishedDesign.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
