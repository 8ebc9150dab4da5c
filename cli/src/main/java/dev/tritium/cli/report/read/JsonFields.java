package dev.tritium.cli.report.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tritium.common.io.InputFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Reading a JSON object's fields with messages that name the file and field. */
final class JsonFields {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String file;
  private final JsonNode root;

  private JsonFields(String file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  static JsonFields read(Path path) throws IOException {
    String file = path.toString();
    JsonNode root;
    try {
      root = JSON.readTree(InputFiles.text(path, "a JSON file written by tritium"));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ":" + e.getLocation().getLineNr() + ": not valid JSON ("
          + e.getOriginalMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": expected a JSON object at the top level");
    }
    return new JsonFields(file, root);
  }

  String file() {
    return file;
  }

  JsonNode node(String field) {
    return root.get(field);
  }

  String text(String field) {
    JsonNode n = root.get(field);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException(file + ": field '" + field + "': expected a string");
    }
    return n.asText();
  }

  String optionalText(String field, String fallback) {
    JsonNode n = root.get(field);
    return n == null || n.isNull() ? fallback : n.asText();
  }

  double positive(String field) {
    JsonNode n = root.get(field);
    if (n == null || !n.isNumber() || !(n.asDouble() > 0) || !Double.isFinite(n.asDouble())) {
      throw new IllegalArgumentException(file + ": field '" + field + "': expected a positive number, got "
          + (n == null ? "nothing" : n.toString()));
    }
    return n.asDouble();
  }

  /** An object field (empty object when absent). */
  JsonNode object(String field) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return JSON.createObjectNode();
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException(file + ": field '" + field + "': expected an object, got " + n);
    }
    return n;
  }
}
