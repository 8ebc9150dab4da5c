package dev.tritium.simulator.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tritium.common.yaml.UnitSuffixes;
import dev.tritium.isa.LutVariant;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Any leaf of an arch config addressed by its dotted YAML key ({@code mac_array.rows},
 * {@code buffers.weight.size_bytes}, {@code dram.peak_bandwidth_GBps}): what kind of value it takes, and a
 * copy of an arch with one leaf changed. The schema is the config records themselves (their
 * {@code @JsonProperty} names and Java types), so a key added to a config record is addressable with no code
 * here; a sweep can vary it at once.
 */
public final class ArchKeys {

  private ArchKeys() {}

  /** The value kinds a leaf can hold. */
  public enum Kind {
    /** A whole number (int or long field). */
    INTEGER,
    /** A decimal number (double field). */
    DECIMAL,
    /** {@code false} or {@code true}. */
    BOOLEAN,
    /** One of a fixed set of names (an enum field). */
    CHOICE
  }

  /**
   * One addressable leaf.
   *
   * @param path the dotted key
   * @param kind its value kind
   * @param choices the accepted names for BOOLEAN and CHOICE (as written in YAML), empty for numbers
   */
  public record Key(String path, Kind kind, List<String> choices) {
    public Key {
      choices = List.copyOf(choices);
    }
  }

  /**
   * The leaf a dotted key names. A map level ({@code buffers}) takes any name here; whether the base arch has
   * that entry is checked by {@link #with}.
   *
   * @throws IllegalArgumentException naming the first unknown segment and the keys known at that level, or
   *     saying that the key names a section or a text field rather than a number, flag or choice
   */
  public static Key resolve(String dottedPath) {
    String[] parts = dottedPath.split("\\.", -1);
    Type type = ArchConfig.class;
    StringBuilder at = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      Class<?> raw = rawClass(type);
      if (Map.class.isAssignableFrom(raw)) {
        if (raw != Map.class || !(type instanceof ParameterizedType p) || p.getActualTypeArguments()[1] == Provenance.class) {
          throw new IllegalArgumentException("'" + dottedPath + "': '" + at + "' is not a value that can be set");
        }
        if (part.isEmpty()) {
          throw new IllegalArgumentException("'" + dottedPath + "': empty entry name after '" + at + "'");
        }
        type = p.getActualTypeArguments()[1];
      } else if (raw.isRecord()) {
        RecordComponent match = null;
        List<String> known = new ArrayList<>();
        for (RecordComponent rc : raw.getRecordComponents()) {
          String name = yamlName(raw, rc);
          known.add(name);
          if (name.equals(part)) {
            match = rc;
          }
        }
        if (match == null) {
          String where = at.length() == 0 ? "the arch" : "'" + at + "'";
          String hint = UnitSuffixes.hint(part, known);
          throw new IllegalArgumentException("'" + dottedPath + "': " + where + " has no key '" + part
              + "' (expected one of: " + String.join(", ", known) + ")" + (hint == null ? "" : "; " + hint));
        }
        type = match.getGenericType();
      } else {
        throw new IllegalArgumentException("'" + dottedPath + "': '" + at + "' is a value, it has no key '"
            + part + "'");
      }
      at.append(at.length() == 0 ? "" : ".").append(part);
    }
    Class<?> leaf = rawClass(type);
    if (leaf == int.class || leaf == long.class || leaf == Integer.class || leaf == Long.class) {
      return new Key(dottedPath, Kind.INTEGER, List.of());
    }
    if (leaf == double.class || leaf == Double.class) {
      return new Key(dottedPath, Kind.DECIMAL, List.of());
    }
    if (leaf == boolean.class || leaf == Boolean.class) {
      return new Key(dottedPath, Kind.BOOLEAN, List.of("false", "true"));
    }
    if (leaf.isEnum()) {
      return new Key(dottedPath, Kind.CHOICE, enumKeys(leaf));
    }
    if (leaf.isRecord() || Map.class.isAssignableFrom(leaf)) {
      throw new IllegalArgumentException("'" + dottedPath + "' is a section; name one of its keys ("
          + String.join(", ", childKeys(leaf)) + ")");
    }
    throw new IllegalArgumentException("'" + dottedPath + "' is text; only numbers, flags and named choices "
        + "can be set by key");
  }

  /**
   * A copy of {@code base} with one leaf set to {@code value} (a number in plain text, {@code true}/{@code
   * false}, or a choice name as written in YAML). The copy is built through the arch reader, so the result is
   * the config a YAML file with that value would give; it is not validated as a whole
   * ({@link ArchConfigs#validate} does that).
   *
   * @throws IllegalArgumentException for an unknown key, a missing map entry or a value of the wrong kind
   */
  public static ArchConfig with(ArchConfig base, String dottedPath, String value) {
    Key key = resolve(dottedPath);
    JsonNode tree = ArchConfigs.toTree(base);
    String[] parts = dottedPath.split("\\.");
    ObjectNode parent = (ObjectNode) tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = parent.get(parts[i]);
      if (child == null && i == 0 && OPTIONAL_SECTIONS.contains(parts[0])) {
        // An optional section the base leaves out (it means the defaults): setting one of its keys adds it.
        child = parent.putObject(parts[0]);
      }
      if (!(child instanceof ObjectNode o)) {
        String prefix = String.join(".", Arrays.copyOfRange(parts, 0, i));
        throw new IllegalArgumentException(dottedPath + ": the base arch has no '" + parts[i] + "'"
            + (prefix.isEmpty() ? "" : " in " + prefix) + " to set");
      }
      parent = o;
    }
    String leaf = parts[parts.length - 1];
    switch (key.kind()) {
      case INTEGER -> parent.put(leaf, parseLong(dottedPath, value));
      case DECIMAL -> parent.put(leaf, parseDouble(dottedPath, value));
      case BOOLEAN, CHOICE -> {
        if (!key.choices().contains(value)) {
          throw new IllegalArgumentException(dottedPath + ": invalid value '" + value + "' (expected one of: "
              + String.join(", ", key.choices()) + ")");
        }
        if (key.kind() == Kind.BOOLEAN) {
          parent.put(leaf, Boolean.parseBoolean(value));
        } else {
          parent.put(leaf, value);
        }
      }
    }
    return ArchConfigs.fromTree(tree, "arch '" + base.name() + "' with " + dottedPath + " = " + value);
  }

  /** Top-level sections a key of which can be set on an arch without them (the others take their defaults). */
  private static final List<String> OPTIONAL_SECTIONS = List.of("attention", "sparse_unit");

  /** Keys of an arch that are not parameters of the accelerator (names, text, and the provenance itself). */
  private static final List<String> NOT_PARAMETERS = List.of("name", "description", "provenance", "sources");

  /**
   * The dotted key of every parameter {@code arch} sets, in YAML order: every leaf of its tree except the name,
   * description, provenance and sources (a list, such as {@code host.runs}, is one parameter).
   */
  public static List<String> leaves(ArchConfig arch) {
    List<String> out = new ArrayList<>();
    JsonNode tree = ArchConfigs.toTree(arch);
    tree.fields().forEachRemaining(e -> {
      if (!NOT_PARAMETERS.contains(e.getKey())) {
        collect(e.getKey(), e.getValue(), out);
      }
    });
    return out;
  }

  private static void collect(String path, JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> collect(path + "." + e.getKey(), e.getValue(), out));
    } else if (!node.isNull()) {
      out.add(path);
    }
  }

  private static long parseLong(String key, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": invalid value '" + value + "' (expected a whole number)", e);
    }
  }

  private static double parseDouble(String key, String value) {
    try {
      double d = Double.parseDouble(value);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException("not finite");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": invalid value '" + value + "' (expected a finite number)", e);
    }
  }

  /** The YAML name of a record component: its {@code @JsonProperty} value, else its Java name. */
  private static String yamlName(Class<?> record, RecordComponent rc) {
    JsonProperty p = rc.getAccessor().getAnnotation(JsonProperty.class);
    if (p == null) {
      try {
        p = record.getDeclaredField(rc.getName()).getAnnotation(JsonProperty.class);
      } catch (NoSuchFieldException e) {
        p = null;
      }
    }
    return p != null && !p.value().isEmpty() ? p.value() : rc.getName();
  }

  private static List<String> childKeys(Class<?> c) {
    if (!c.isRecord()) {
      return List.of("<name>");
    }
    return Arrays.stream(c.getRecordComponents()).map(rc -> yamlName(c, rc)).toList();
  }

  /** The YAML names of an enum's constants ({@code @JsonProperty}, the ISA's keys, else lower-case names). */
  static List<String> enumKeys(Class<?> enumType) {
    if (enumType == LutVariant.class) {
      return Arrays.stream(LutVariant.values()).map(LutVariant::key).toList();
    }
    List<String> keys = new ArrayList<>();
    for (Field f : enumType.getFields()) {
      if (f.isEnumConstant()) {
        JsonProperty p = f.getAnnotation(JsonProperty.class);
        keys.add(p != null ? p.value() : f.getName().toLowerCase(Locale.ROOT));
      }
    }
    return keys;
  }

  private static Class<?> rawClass(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalStateException("unsupported config type " + t);
  }
}
