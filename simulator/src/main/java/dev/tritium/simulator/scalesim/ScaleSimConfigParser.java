package dev.tritium.simulator.scalesim;

import dev.tritium.common.io.InputFiles;
import dev.tritium.simulator.unit.mac.Dataflow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SCALE-Sim v2 {@code .cfg} files the way SCALE-Sim does (Python {@code configparser} defaults):
 * {@code key: value} or {@code key = value}; keys case-insensitive; values stripped; whole-line
 * comments starting with {@code #} or {@code ;}; no inline comments (so {@code ArrayHeight: 32 # rows}
 * is an error there and here); indented lines continue the previous value; duplicate sections or keys
 * are errors; unknown sections and keys are ignored.
 *
 * <p>Deliberate differences, all stricter: an unknown {@code Dataflow} is an error (SCALE-Sim warns and
 * silently simulates OS), an {@code InterfaceBandwidth} other than USER/CALC is an error (SCALE-Sim stops
 * parsing and keeps defaults), and {@code MemoryBanks} defaults to 1 when absent.
 */
public final class ScaleSimConfigParser {

  private static final Pattern SECTION = Pattern.compile("\\[(?<header>.+)\\]");
  private static final Pattern OPTION = Pattern.compile("(?<option>.*?)\\s*[=:]\\s*(?<value>.*)$");

  private final String source;
  private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
  private final Map<String, Integer> lineOf = new LinkedHashMap<>();

  private ScaleSimConfigParser(String source) {
    this.source = source;
  }

  /** Reads and checks a {@code .cfg} file. */
  public static ScaleSimConfig load(Path path) throws IOException {
    return parse(InputFiles.text(path, "a SCALE-Sim .cfg file"), path.toString());
  }

  /** Parses {@code .cfg} text; {@code source} names the file in messages. */
  public static ScaleSimConfig parse(String text, String source) {
    ScaleSimConfigParser p = new ScaleSimConfigParser(source);
    p.read(text);
    return p.build();
  }

  private void read(String text) {
    String[] lines = text.split("\r\n|\n|\r", -1);
    Map<String, String> current = null;
    String currentSection = null;
    String lastKey = null;
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String raw = lines[i];
      String stripped = raw.strip();
      if (stripped.isEmpty()) {
        lastKey = null;
        continue;
      }
      if (stripped.startsWith("#") || stripped.startsWith(";")) {
        continue;
      }
      boolean indented = Character.isWhitespace(raw.charAt(0));
      if (indented && current != null && lastKey != null) {
        current.put(lastKey, current.get(lastKey) + "\n" + stripped);
        continue;
      }
      Matcher sm = SECTION.matcher(raw);
      if (sm.lookingAt()) {
        currentSection = sm.group("header");
        if (sections.containsKey(currentSection)) {
          throw new IllegalArgumentException(source + " line " + lineNo + ": section [" + currentSection
              + "] appears twice");
        }
        current = new LinkedHashMap<>();
        sections.put(currentSection, current);
        lastKey = null;
        continue;
      }
      if (current == null) {
        throw new IllegalArgumentException(source + " line " + lineNo
            + ": a key outside any section (expected a [section] header first, e.g. [general])");
      }
      Matcher om = OPTION.matcher(raw);
      if (!om.find() || om.group("option").isBlank()) {
        throw new IllegalArgumentException(source + " line " + lineNo + ": expected 'key: value' or "
            + "'key = value', got '" + stripped + "'");
      }
      String key = om.group("option").strip().toLowerCase(Locale.ROOT);
      if (current.containsKey(key)) {
        throw new IllegalArgumentException(source + " line " + lineNo + ": key '" + key
            + "' appears twice in section [" + currentSection + "]");
      }
      current.put(key, om.group("value").strip());
      lineOf.put(currentSection + "." + key, lineNo);
      lastKey = key;
    }
  }

  private ScaleSimConfig build() {
    String runName = get("general", "run_name");
    String bw = get("run_presets", "InterfaceBandwidth");
    ScaleSimConfig.BandwidthMode mode;
    if (bw.equals("USER")) {
      mode = ScaleSimConfig.BandwidthMode.USER;
    } else if (bw.equals("CALC")) {
      mode = ScaleSimConfig.BandwidthMode.CALC;
    } else {
      throw fail("run_presets", "InterfaceBandwidth", "must be USER or CALC (upper case), got '" + bw + "'");
    }
    String arch = "architecture_presets";
    int rows = (int) positiveInt(arch, "ArrayHeight");
    int cols = (int) positiveInt(arch, "ArrayWidth");
    long ifmapKb = positiveInt(arch, "IfmapSramSzkB");
    long filterKb = positiveInt(arch, "FilterSramSzkB");
    long ofmapKb = positiveInt(arch, "OfmapSramSzkB");
    long ifmapOffset = integer(arch, "IfmapOffset");
    long filterOffset = integer(arch, "FilterOffset");
    long ofmapOffset = integer(arch, "OfmapOffset");
    String df = get(arch, "Dataflow");
    Dataflow dataflow = switch (df) {
      case "ws" -> Dataflow.WS;
      case "os" -> Dataflow.OS;
      case "is" -> Dataflow.IS;
      default -> throw fail(arch, "Dataflow", "must be ws, os or is (lower case, as SCALE-Sim compares it), got '"
          + df + "'");
    };
    int banks = has(arch, "MemoryBanks") ? (int) positiveInt(arch, "MemoryBanks") : 1;
    List<Integer> bandwidths = new ArrayList<>();
    if (mode == ScaleSimConfig.BandwidthMode.USER) {
      for (String part : get(arch, "Bandwidth").strip().split(",")) {
        try {
          long v = PythonNumbers.parseInt(part);
          if (v <= 0) {
            throw fail(arch, "Bandwidth", "must list positive words/cycle values, got " + v);
          }
          bandwidths.add((int) v);
        } catch (NumberFormatException | ArithmeticException e) {
          throw fail(arch, "Bandwidth", "must be a comma-separated list of integers, got '" + get(arch, "Bandwidth") + "'");
        }
      }
      if (bandwidths.size() != banks) {
        throw fail(arch, "Bandwidth", "lists " + bandwidths.size() + " values but MemoryBanks is " + banks
            + " (USER mode needs one bandwidth per bank)");
      }
    }
    Optional<String> topology = Optional.empty();
    if (has("network_presets", "TopologyCsvLoc")) {
      String loc = get("network_presets", "TopologyCsvLoc");
      String[] parts = loc.split("\"");
      // SCALE-Sim takes the text between the first pair of double quotes.
      topology = Optional.of(parts.length > 1 ? parts[1] : loc);
    }
    return new ScaleSimConfig(runName, rows, cols, ifmapKb, filterKb, ofmapKb, ifmapOffset, filterOffset,
        ofmapOffset, dataflow, banks, mode, bandwidths, topology);
  }

  private boolean has(String section, String key) {
    Map<String, String> s = sections.get(section);
    return s != null && s.containsKey(key.toLowerCase(Locale.ROOT));
  }

  private String get(String section, String key) {
    Map<String, String> s = sections.get(section);
    if (s == null) {
      throw new IllegalArgumentException(source + ": missing section [" + section + "] (needed for key " + key + ")");
    }
    String v = s.get(key.toLowerCase(Locale.ROOT));
    if (v == null) {
      throw new IllegalArgumentException(source + ": missing key '" + key + "' in section [" + section + "]");
    }
    return v;
  }

  private long integer(String section, String key) {
    String v = get(section, key);
    try {
      return PythonNumbers.parseInt(v);
    } catch (NumberFormatException | ArithmeticException e) {
      throw fail(section, key, "must be an integer, got '" + v + "'"
          + (v.contains("#") || v.contains(";") ? " (inline comments are not allowed in SCALE-Sim .cfg files)" : ""));
    }
  }

  private long positiveInt(String section, String key) {
    long v = integer(section, key);
    if (v <= 0 || v > Integer.MAX_VALUE) {
      throw fail(section, key, "must be a positive integer, got " + v);
    }
    return v;
  }

  private IllegalArgumentException fail(String section, String key, String problem) {
    Integer line = lineOf.get(section + "." + key.toLowerCase(Locale.ROOT));
    return new IllegalArgumentException(source + (line == null ? "" : " line " + line) + ": [" + section + "] "
        + key + " " + problem);
  }
}
