package dev.tritium.common.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The strict part of every YAML file the kit reads (arch configs, energy tables, sweep files), shared so
 * that all three behave alike: the line of each key and list item by dotted path
 * ({@code parameters.mac_array.rows}, list items as {@code [i]}) for error messages, and the refusal of YAML
 * anchors and aliases, which the readers do not expand (an alias would otherwise reach a reader as the
 * text of its name).
 */
public final class YamlLines {

  /**
   * The largest YAML file read: 256 KiB. The kit's arch, energy and sweep files are a few kilobytes, and the
   * YAML scanner slows down sharply on very long scalars (one megabyte took seconds), so the cap keeps a
   * hostile file from hanging a command.
   */
  public static final long MAX_YAML_BYTES = 256L << 10;

  private static final YAMLFactory FACTORY = new YAMLFactory();

  private final Map<String, Integer> lines = new HashMap<>();

  private YamlLines() {}

  /**
   * Walks the tokens of {@code text}. Syntax errors are left to the caller's parser, which reports them with
   * its own position; this walk stops quietly at the first one.
   *
   * @throws IllegalArgumentException naming {@code source} and the line of the first anchor or alias
   */
  public static YamlLines of(String text, String source) {
    YamlLines y = new YamlLines();
    try (JsonParser p = FACTORY.createParser(text)) {
      Deque<Frame> stack = new ArrayDeque<>();
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        rejectAnchors((YAMLParser) p, t, source);
        Frame top = stack.peek();
        if (t == JsonToken.FIELD_NAME) {
          top.key = p.currentName();
          y.record(stack, p.currentTokenLocation());
          continue;
        }
        boolean end = t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY;
        if (!end && top != null && top.array) {
          top.index++;
          top.key = "[" + top.index + "]";
          y.record(stack, p.currentTokenLocation());
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          stack.push(new Frame(t == JsonToken.START_ARRAY));
        } else if (end) {
          stack.pop();
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
          && iae.getMessage().startsWith(source + ":")) {
        throw iae;
      }
      // Positions are a courtesy for messages; the caller's parser reports real syntax errors.
    }
    return y;
  }

  private static void rejectAnchors(YAMLParser p, JsonToken t, String source) throws IOException {
    if (t == JsonToken.FIELD_NAME) {
      return;
    }
    String found = null;
    if (p.isCurrentAlias()) {
      found = "alias '*" + p.getText() + "'";
    } else if (p.getObjectId() != null) {
      found = "anchor '&" + p.getObjectId() + "'";
    }
    if (found != null) {
      int line = p.currentTokenLocation().getLineNr();
      throw new IllegalArgumentException(source + ": line " + line + ": YAML anchors and aliases are not "
          + "supported (found " + found + "); write the value out in full");
    }
  }

  /** The 1-based line of a dotted path, or -1 when the text has no such key. */
  public int line(String path) {
    Integer line = lines.get(path);
    return line == null ? -1 : line;
  }

  /** " (line N)" for a dotted path, or "" when unknown. */
  public String at(String path) {
    int line = line(path);
    return line < 0 ? "" : " (line " + line + ")";
  }

  private void record(Deque<Frame> stack, JsonLocation loc) {
    List<String> parts = new ArrayList<>();
    stack.descendingIterator().forEachRemaining(f -> parts.add(f.key));
    String path = String.join(".", parts).replace(".[", "[");
    if (loc != null && loc.getLineNr() > 0) {
      lines.putIfAbsent(path, loc.getLineNr());
    }
  }

  private static final class Frame {
    final boolean array;
    String key = "";
    int index = -1;

    Frame(boolean array) {
      this.array = array;
    }
  }
}
