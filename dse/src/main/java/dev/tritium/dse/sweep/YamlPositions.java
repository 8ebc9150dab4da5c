package dev.tritium.dse.sweep;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Line numbers of the keys and list items of a YAML text, by dotted path ({@code parameters.mac_array.rows},
 * list items as {@code [i]}), so that errors found on the parsed tree can say where they are.
 */
final class YamlPositions {

  private final Map<String, Integer> lines = new HashMap<>();

  YamlPositions(JsonFactory yaml, String text) {
    try (JsonParser p = yaml.createParser(text)) {
      Deque<Frame> stack = new ArrayDeque<>();
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        Frame top = stack.peek();
        if (t == JsonToken.FIELD_NAME) {
          top.key = p.currentName();
          record(stack, p.currentTokenLocation());
          continue;
        }
        boolean end = t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY;
        if (!end && top != null && top.array) {
          top.index++;
          top.key = "[" + top.index + "]";
          record(stack, p.currentTokenLocation());
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          stack.push(new Frame(t == JsonToken.START_ARRAY));
        } else if (end) {
          stack.pop();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Positions are a courtesy for messages; the tree parser reports real syntax errors.
    }
  }

  /** " (line N)" for a dotted path, or "" when unknown. */
  String at(String path) {
    Integer line = lines.get(path);
    return line == null ? "" : " (line " + line + ")";
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
