package dev.tritium.simulator.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tritium.common.io.InputFiles;
import dev.tritium.common.yaml.UnitSuffixes;
import dev.tritium.common.yaml.YamlLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads, validates and writes {@link ArchConfig} YAML files, and resolves the shipped presets
 * ({@code simulator/src/main/resources/arch/<name>.yaml}).
 *
 * <p>Every user mistake is an {@link IllegalArgumentException} whose message starts with the file and
 * names the key: unknown keys (with a hint when only the unit differs, e.g. {@code clock_ghz} for
 * {@code clock_mhz}), wrong types, bad enum values, missing keys, out-of-range values, non-powers of two
 * and buffers too small for the smallest tile.
 */
public final class ArchConfigs {

  /** The preset used when none is named: a KV260-class edge FPGA design. */
  public static final String DEFAULT_PRESET = "edge-fpga";

  private static final List<String> PRESETS = List.of("edge-fpga", "edge-fpga-mac", "asic-7nm-small", "asic-hbm-large",
      "tellme-kv260");

  private static final ObjectMapper YAML = YAMLMapper.builder(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private ArchConfigs() {}

  /** Names of the shipped presets, default first. */
  public static List<String> presetNames() {
    return PRESETS;
  }

  /**
   * A preset name ({@link #presetNames()}) or a path to a YAML file.
   *
   * @throws IllegalArgumentException if it is neither, or the file is invalid
   */
  public static ArchConfig resolve(String nameOrPath) {
    if (PRESETS.contains(nameOrPath)) {
      return preset(nameOrPath);
    }
    Path path = Path.of(nameOrPath);
    if (Files.isRegularFile(path)) {
      return load(path);
    }
    throw new IllegalArgumentException("arch config '" + nameOrPath + "': not a preset ("
        + String.join(", ", PRESETS) + ") and no such file");
  }

  /** A shipped preset by name. */
  public static ArchConfig preset(String name) {
    if (!PRESETS.contains(name)) {
      throw new IllegalArgumentException("unknown arch preset '" + name + "' (expected one of: "
          + String.join(", ", PRESETS) + ")");
    }
    String resource = "/arch/" + name + ".yaml";
    try (InputStream in = ArchConfigs.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("preset resource missing from the jar: " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".yaml (preset)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read preset " + resource, e);
    }
  }

  /** Reads and validates a YAML file. */
  public static ArchConfig load(Path path) {
    String text = InputFiles.text(path, "an arch config (YAML)", YamlLines.MAX_YAML_BYTES);
    return parse(text, path.toString());
  }

  /**
   * Parses and validates YAML text.
   *
   * @param source the file name used in error messages
   */
  public static ArchConfig parse(String yaml, String source) {
    ArchConfig config;
    try {
      YamlLines lines = YamlLines.of(yaml, source);
      JsonNode tree = YAML.readTree(yaml);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        throw new IllegalArgumentException(source + ": empty arch config (expected a YAML mapping with keys "
            + "name, clock_mhz, technology_node_nm, mac_array, lut_core, vector_unit, buffers, dram, dma)");
      }
      if (!tree.isObject()) {
        throw new IllegalArgumentException(source + ": expected a YAML mapping at the top level, got "
            + tree.getNodeType().name().toLowerCase(Locale.ROOT));
      }
      // Unknown keys first: Jackson would otherwise report a misspelt required key as missing.
      YamlKeyChecker.check(tree, ArchConfig.class, "", source, lines::at);
      config = YAML.readValue(yaml, ArchConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(describe(e, source), e);
    }
    return ArchConfigValidator.validate(config, source);
  }

  /**
   * Checks a config built in code (e.g. a sweep point made with the {@code with...} copies) by the same
   * rules as a file; {@code source} names it in messages.
   *
   * @return the same config
   * @throws IllegalArgumentException naming the source and key of the first problem
   */
  public static ArchConfig validate(ArchConfig config, String source) {
    return ArchConfigValidator.validate(config, source);
  }

  /** The config as a YAML tree (what {@link #toYaml} writes). */
  static JsonNode toTree(ArchConfig config) {
    return YAML.valueToTree(config);
  }

  /** Binds a tree as {@link #parse} binds a file (strict keys and types), without validating the whole. */
  static ArchConfig fromTree(JsonNode tree, String source) {
    try {
      return YAML.treeToValue(tree, ArchConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(describe(e, source), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /** The YAML text of a config; {@link #parse} of it gives an equal config. */
  public static String toYaml(ArchConfig config) {
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize arch config " + config.name(), e);
    }
  }

  /** Writes {@link #toYaml} to a file. */
  public static void write(ArchConfig config, Path path) throws IOException {
    Files.writeString(path, toYaml(config), StandardCharsets.UTF_8);
  }

  private static String describe(JsonProcessingException e, String source) {
    return source + ": " + problem(e) + at(e.getLocation());
  }

  private static String problem(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      String key = u.getPropertyName();
      String parent = pathOf(u, true);
      String full = parent.isEmpty() ? key : parent + "." + key;
      List<String> known = u.getKnownPropertyIds().stream().map(Object::toString).collect(Collectors.toList());
      String unitHint = UnitSuffixes.hint(key, known);
      if (unitHint != null) {
        return "wrong unit in key '" + full + "': " + unitHint;
      }
      return "unknown key '" + key + "' at " + full + " (expected one of: " + String.join(", ", known) + ")";
    }
    if (e instanceof InvalidFormatException f) {
      Class<?> target = f.getTargetType();
      String expected = target.isEnum() ? "one of: " + enumNames(target) : "a value of type " + typeName(target);
      return "key '" + pathOf(f, false) + "' has invalid value '" + f.getValue() + "' (expected "
          + expected + ")";
    }
    if (e instanceof MismatchedInputException m) {
      Matcher missing = Pattern.compile("Missing required creator property '([^']+)'").matcher(m.getOriginalMessage());
      if (missing.find()) {
        String parent = pathOf(m, true);
        String full = parent.isEmpty() ? missing.group(1) : parent + "." + missing.group(1);
        return "missing key '" + full + "'";
      }
      Class<?> target = m.getTargetType();
      String expected = target == null ? "a different type" : target.isEnum() ? "one of: " + enumNames(target)
          : typeName(target);
      return "key '" + pathOf(m, false) + "' has the wrong type (expected " + expected + ")";
    }
    if (e instanceof JsonMappingException m) {
      return "key '" + pathOf(m, false) + "': " + firstLine(m.getOriginalMessage());
    }
    return "not valid YAML: " + firstLine(e.getOriginalMessage());
  }

  private static String pathOf(JsonMappingException e, boolean dropLast) {
    List<JsonMappingException.Reference> refs = new ArrayList<>(e.getPath());
    if (dropLast && !refs.isEmpty()) {
      refs.remove(refs.size() - 1);
    }
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String enumNames(Class<?> enumType) {
    return String.join(", ", ArchKeys.enumKeys(enumType));
  }

  private static String typeName(Class<?> t) {
    if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
      return "an integer";
    }
    if (t == double.class || t == Double.class) {
      return "a number";
    }
    if (t == String.class) {
      return "a string";
    }
    if (java.util.Map.class.isAssignableFrom(t) || t.isRecord()) {
      return "a mapping";
    }
    return t.getSimpleName();
  }

  private static String at(JsonLocation loc) {
    return loc == null || loc.getLineNr() <= 0 ? "" : " (line " + loc.getLineNr() + ")";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
