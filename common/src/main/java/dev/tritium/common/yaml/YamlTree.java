package dev.tritium.common.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal YAML tree that remembers the line of every key and value, so that errors in files read key by key
 * (the energy cost tables) can name the line. Duplicate keys are rejected while reading; anchors and aliases are
 * refused as by {@link YamlLines}, which the readers that bind records (arch configs, sweeps) use for lines.
 */
public final class YamlTree {

  private static final YAMLFactory FACTORY = new YAMLFactory();

  private YamlTree() {}

  /** A node of the tree. */
  public sealed interface Node permits MapNode, ListNode, ScalarNode {
    int line();
  }

  /** One key of a mapping, with its line. */
  public record Field(String key, int line, Node value) {}

  /** A mapping, keys in file order. */
  public record MapNode(Map<String, Field> fields, int line) implements Node {}

  /** A sequence. */
  public record ListNode(List<Node> items, int line) implements Node {}

  /** A scalar; {@code text} is null for a YAML null. */
  public record ScalarNode(String text, boolean numeric, int line) implements Node {}

  /**
   * Parses a whole document.
   *
   * @throws IllegalArgumentException naming the file and line for malformed YAML or duplicate keys
   */
  public static Node parse(String text, String file) {
    YamlLines.of(text, file); // refuses anchors and aliases, as every YAML reader of the kit does
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new IllegalArgumentException(file + ": the file is empty");
      }
      return read(p, file);
    } catch (IOException e) {
      int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
          ? jpe.getLocation().getLineNr() : -1;
      throw new IllegalArgumentException(file + (line > 0 ? ":" + line : "") + ": not valid YAML ("
          + firstLine(e.getMessage()) + ")", e);
    }
  }

  private static Node read(JsonParser p, String file) throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Field> fields = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = p.currentTokenLocation().getLineNr();
          p.nextToken();
          Field before = fields.put(key, new Field(key, keyLine, read(p, file)));
          if (before != null) {
            throw new IllegalArgumentException(file + ":" + keyLine + ": duplicate key '" + key
                + "' (first at line " + before.line() + ")");
          }
        }
        return new MapNode(fields, line);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p, file));
        }
        return new ListNode(items, line);
      }
      case VALUE_NULL -> {
        return new ScalarNode(null, false, line);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new ScalarNode(p.getText(), true, line);
      }
      default -> {
        return new ScalarNode(p.getText(), false, line);
      }
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
