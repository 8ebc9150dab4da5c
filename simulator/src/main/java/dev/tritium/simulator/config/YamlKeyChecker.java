package dev.tritium.simulator.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tritium.common.yaml.UnitSuffixes;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Walks a parsed YAML tree against the record types it will bind to and rejects unknown keys first,
 * before Jackson reports a (less helpful) missing key for a misspelt one. Known keys are the
 * {@link JsonProperty} names of each record's components; {@code Map<String, R>} values are checked
 * against {@code R}.
 */
final class YamlKeyChecker {

  private YamlKeyChecker() {}

  /** Throws {@link IllegalArgumentException} naming the source, the key and its dotted path. */
  static void check(JsonNode node, Type type, String path, String source, Function<String, String> lineOf) {
    if (node == null || !node.isObject()) {
      return; // type mismatches are reported by the binder
    }
    if (type instanceof Class<?> c && c.isRecord()) {
      List<String> known = new ArrayList<>();
      for (RecordComponent rc : c.getRecordComponents()) {
        JsonProperty p = rc.getAccessor().getAnnotation(JsonProperty.class);
        known.add(p != null ? p.value() : rc.getName());
      }
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String key = f.getKey();
        String full = path.isEmpty() ? key : path + "." + key;
        int idx = known.indexOf(key);
        if (idx < 0) {
          String unitHint = UnitSuffixes.hint(key, known);
          throw new IllegalArgumentException(source + ": unknown key '" + key + "' at " + full
              + (unitHint != null ? ": " + unitHint : " (expected one of: " + String.join(", ", known) + ")")
              + lineOf.apply(full));
        }
        check(f.getValue(), c.getRecordComponents()[idx].getGenericType(), full, source, lineOf);
      }
    } else if (type instanceof ParameterizedType pt && pt.getRawType() == Map.class) {
      Type valueType = pt.getActualTypeArguments()[1];
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        check(f.getValue(), valueType, path.isEmpty() ? f.getKey() : path + "." + f.getKey(), source, lineOf);
      }
    }
  }
}
