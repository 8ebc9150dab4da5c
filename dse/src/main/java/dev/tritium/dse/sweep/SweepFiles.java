package dev.tritium.dse.sweep;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tritium.mapper.model.KvChoice;
import dev.tritium.common.io.InputFiles;
import dev.tritium.common.yaml.UnitSuffixes;
import dev.tritium.common.yaml.YamlLines;
import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads sweep files (YAML, format in dse/README.md) strictly: unknown keys, wrong types, bad values,
 * empty or duplicate axis values, and values the base arch cannot take are errors of the form
 * {@code file: key 'path': what was expected (line N)}.
 */
public final class SweepFiles {

  /** Largest sweep accepted: the driver keeps the finished rows in memory for the final sort by point id. */
  public static final long MAX_POINTS = 2_000_000L;

  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private static final List<String> TOP_KEYS =
      List.of("sweep", "description", "base_arch", "workload", "parameters", "constraints", "objectives");
  private static final List<String> WORKLOAD_KEYS = List.of("model", "phase", "tokens", "context", "format",
      "kv_format");
  private static final List<String> CONSTRAINT_KEYS = List.of("max_area_um2", "max_power_W", "fits_fpga_part");
  private static final List<String> RANGE_KEYS = List.of("values", "from", "to", "step", "powers_of_two");

  private final String source;
  private final YamlLines positions;

  private SweepFiles(String source, YamlLines positions) {
    this.source = source;
    this.positions = positions;
  }

  /** Reads a sweep file; a relative {@code base_arch} path is resolved against the file's directory. */
  public static SweepSpec load(Path file) throws IOException {
    String text = InputFiles.text(file, "a sweep file (YAML)", YamlLines.MAX_YAML_BYTES);
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), dir);
  }

  /**
   * Parses sweep YAML.
   *
   * @param source file name for messages
   * @param baseDir directory a relative {@code base_arch} path is resolved against
   */
  public static SweepSpec parse(String text, String source, Path baseDir) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage();
      int nl = msg == null ? -1 : msg.indexOf('\n');
      String where = e.getLocation() != null && e.getLocation().getLineNr() > 0
          ? " (line " + e.getLocation().getLineNr() + ")" : "";
      throw new IllegalArgumentException(source + ": not valid YAML: " + (nl < 0 ? msg : msg.substring(0, nl)) + where,
          e);
    }
    SweepFiles f = new SweepFiles(source, YamlLines.of(text, source));
    return f.read(root, baseDir);
  }

  private SweepSpec read(JsonNode root, Path baseDir) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new IllegalArgumentException(source + ": empty sweep file (expected a mapping with keys "
          + String.join(", ", TOP_KEYS) + ")");
    }
    requireMapping(root, "");
    checkKeys(root, "", TOP_KEYS);
    String name = requiredText(root, "sweep");
    String description = root.has("description") ? text(root.get("description"), "description") : "";
    String baseRef = root.has("base_arch") ? text(root.get("base_arch"), "base_arch") : ArchConfigs.DEFAULT_PRESET;
    ArchConfig base = resolveBase(baseRef, baseDir);
    Workload workload = workload(required(root, "workload"));
    List<SweepAxis> axes = axes(required(root, "parameters"), base);
    if (root.get("workload").has("format") && axes.stream().anyMatch(a -> a.parameter().isFormat())) {
      throw error("workload.format", "the sweep varies parameters.format; give the formats there only");
    }
    Constraints constraints = root.has("constraints") ? constraints(root.get("constraints")) : Constraints.none();
    List<Objective> objectives = objectives(required(root, "objectives"));
    long points = 1;
    for (SweepAxis a : axes) {
      points *= a.size();
      if (points > MAX_POINTS) {
        throw new IllegalArgumentException(source + ": key 'parameters': the sweep has more than " + MAX_POINTS
            + " points; split it into several files" + positions.at("parameters"));
      }
    }
    return new SweepSpec(name, description, baseRef, ArchConfigs.toYaml(base), axes, workload, constraints,
        objectives);
  }

  private ArchConfig resolveBase(String ref, Path baseDir) {
    try {
      if (ArchConfigs.presetNames().contains(ref)) {
        return ArchConfigs.preset(ref);
      }
      Path p = Path.of(ref);
      if (!p.isAbsolute() && baseDir != null) {
        p = baseDir.resolve(p);
      }
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("not a preset (" + String.join(", ", ArchConfigs.presetNames())
            + ") and no such file: " + p);
      }
      return ArchConfigs.load(p);
    } catch (IllegalArgumentException e) {
      throw error("base_arch", e.getMessage());
    }
  }

  private Workload workload(JsonNode w) {
    requireMapping(w, "workload");
    checkKeys(w, "workload", WORKLOAD_KEYS);
    String model = requiredText(w, "workload.model", "model");
    String phaseText = requiredText(w, "workload.phase", "phase").toLowerCase(Locale.ROOT);
    Phase phase;
    if (phaseText.equals("decode")) {
      phase = Phase.DECODE;
    } else if (phaseText.equals("prefill")) {
      phase = Phase.PREFILL;
    } else {
      throw error("workload.phase", "invalid value '" + phaseText + "' (expected one of: decode, prefill)");
    }
    int tokens;
    int context;
    if (phase == Phase.DECODE) {
      tokens = w.has("tokens") ? positiveInt(w.get("tokens"), "workload.tokens") : 1;
      context = nonNegativeInt(required(w, "workload.context", "context"), "workload.context");
    } else {
      tokens = positiveInt(required(w, "workload.tokens", "tokens"), "workload.tokens");
      context = w.has("context") ? nonNegativeInt(w.get("context"), "workload.context") : 0;
    }
    String format = SweepFormats.DEFAULT;
    if (w.has("format")) {
      try {
        format = SweepFormats.canonical(text(w.get("format"), "workload.format"));
      } catch (IllegalArgumentException e) {
        throw error("workload.format", e.getMessage());
      }
    }
    String kvFormat = Workload.DEFAULT_KV_FORMAT;
    if (w.has("kv_format")) {
      try {
        kvFormat = KvChoice.parse(text(w.get("kv_format"), "workload.kv_format")).text();
      } catch (IllegalArgumentException e) {
        throw error("workload.kv_format", e.getMessage());
      }
    }
    try {
      return new Workload(model, phase, tokens, context, format, kvFormat);
    } catch (IllegalArgumentException e) {
      String key = e.getMessage().startsWith("workload.tokens") ? "workload.tokens" : "workload.context";
      throw error(key, e.getMessage().substring(key.length() + 1));
    }
  }

  private List<SweepAxis> axes(JsonNode params, ArchConfig base) {
    requireMapping(params, "parameters");
    if (params.isEmpty()) {
      throw error("parameters", "needs at least one parameter to vary (compute_unit, format, or any arch key such as "
          + "mac_array.rows, buffers.weight.size_bytes or dram.peak_bandwidth_GBps)");
    }
    List<SweepAxis> axes = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = params.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = "parameters." + e.getKey();
      SweepParameter p;
      try {
        p = SweepParameter.of(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw error(path, "unknown parameter (expected compute_unit, format or an arch key): " + ex.getMessage());
      }
      List<String> values = axisValues(p, e.getValue(), path);
      for (String v : values) {
        try {
          p.apply(base, v);
        } catch (IllegalArgumentException ex) {
          throw error(path, ex.getMessage());
        }
      }
      axes.add(new SweepAxis(p, values));
    }
    return axes;
  }

  private List<String> axisValues(SweepParameter p, JsonNode node, String path) {
    List<String> raw = new ArrayList<>();
    if (node.isArray()) {
      raw.addAll(scalarList(node, path));
    } else if (node.isObject()) {
      checkKeys(node, path, RANGE_KEYS);
      if (node.has("values")) {
        if (node.size() != 1) {
          throw error(path, "'values' cannot be combined with from/to/step/powers_of_two");
        }
        JsonNode v = node.get("values");
        if (!v.isArray()) {
          throw error(path + ".values", "expected a list of values");
        }
        raw.addAll(scalarList(v, path + ".values"));
      } else {
        return range(p, node, path);
      }
    } else if (node.isValueNode() && !node.isNull()) {
      raw.add(node.asText());
    } else {
      throw error(path, "expected a list of values, {values: [...]}, {from, to, step} or {from, to, powers_of_two: true}");
    }
    if (raw.isEmpty()) {
      throw error(path, "has no values");
    }
    Set<String> canonical = new LinkedHashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String itemPath = node.isArray() ? path + "[" + i + "]" : path;
      String c;
      try {
        c = p.canonical(raw.get(i));
      } catch (IllegalArgumentException e) {
        throw error(itemPath, e.getMessage());
      }
      if (!canonical.add(c)) {
        throw error(itemPath, "duplicate value " + c);
      }
    }
    return List.copyOf(canonical);
  }

  private List<String> range(SweepParameter p, JsonNode node, String path) {
    if (p.kind() == ValueKind.CHOICE) {
      throw error(path, "a range needs a numeric parameter; list the values of '" + p.key() + "' ("
          + String.join(", ", p.choices()) + ")");
    }
    if (p.kind() == ValueKind.FORMAT) {
      throw error(path, "a range needs a numeric parameter; list the weight formats (e.g. [bitnet-b1.58, bitnet-w1])");
    }
    BigDecimal from = number(required(node, path + ".from", "from"), path + ".from");
    BigDecimal to = number(required(node, path + ".to", "to"), path + ".to");
    if (to.compareTo(from) < 0) {
      throw error(path + ".to", "must be >= from (" + SweepParameter.plain(from) + "), got " + SweepParameter.plain(to));
    }
    boolean pow2 = node.has("powers_of_two");
    if (pow2 == node.has("step")) {
      throw error(path, "a range needs exactly one of 'step' (from, from+step, ... <= to) or "
          + "'powers_of_two: true' (every power of two in [from, to])");
    }
    List<String> raw = new ArrayList<>();
    if (pow2) {
      JsonNode flag = node.get("powers_of_two");
      if (!flag.isBoolean() || !flag.booleanValue()) {
        throw error(path + ".powers_of_two", "expected true");
      }
      if (p.kind() != ValueKind.INTEGER) {
        throw error(path + ".powers_of_two", "powers of two need a whole-number parameter");
      }
      // Exponents, not a doubling long: 2^62 * 2 would wrap negative and never pass 'to'. INTEGER values stop
      // at 2^31 - 1 anyway (canonical() refuses larger ones with a clear message).
      for (int e = 0; e < 63; e++) {
        BigDecimal v = BigDecimal.valueOf(1L << e);
        if (v.compareTo(to) > 0) {
          break;
        }
        if (v.compareTo(from) >= 0) {
          raw.add(Long.toString(1L << e));
        }
      }
      if (raw.isEmpty()) {
        throw error(path, "no power of two lies in [" + SweepParameter.plain(from) + ", " + SweepParameter.plain(to)
            + "]");
      }
    } else {
      BigDecimal step = number(node.get("step"), path + ".step");
      BigDecimal count = to.subtract(from).divideToIntegralValue(step);
      if (count.compareTo(BigDecimal.valueOf(SweepFiles.MAX_POINTS)) > 0) {
        throw error(path + ".step", "gives more than " + MAX_POINTS + " values");
      }
      // Exact decimal arithmetic: from + i*step never drifts (0.1 + 0.2 stays 0.3).
      for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
        raw.add(v.toPlainString());
      }
    }
    List<String> values = new ArrayList<>();
    for (String r : raw) {
      try {
        values.add(p.canonical(r));
      } catch (IllegalArgumentException e) {
        throw error(path, e.getMessage() + " from the range");
      }
    }
    return values;
  }

  private Constraints constraints(JsonNode c) {
    requireMapping(c, "constraints");
    checkKeys(c, "constraints", CONSTRAINT_KEYS);
    Double area = c.has("max_area_um2") ? number(c.get("max_area_um2"), "constraints.max_area_um2").doubleValue()
        : null;
    Double power = c.has("max_power_W") ? number(c.get("max_power_W"), "constraints.max_power_W").doubleValue()
        : null;
    String part = null;
    if (c.has("fits_fpga_part")) {
      part = text(c.get("fits_fpga_part"), "constraints.fits_fpga_part");
      try {
        part = FpgaPart.byName(part).key();
      } catch (IllegalArgumentException e) {
        throw error("constraints.fits_fpga_part", e.getMessage());
      }
    }
    return new Constraints(area, power, part);
  }

  private List<Objective> objectives(JsonNode o) {
    requireMapping(o, "objectives");
    if (o.isEmpty()) {
      throw error("objectives", "needs at least one objective (metric: min|max; metrics: "
          + String.join(", ", Metric.keys()) + ")");
    }
    List<Objective> list = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = o.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = "objectives." + e.getKey();
      Metric m = Metric.byKey(e.getKey()).orElseThrow(() -> error(path, "unknown metric '" + e.getKey()
          + "' (expected one of: " + String.join(", ", Metric.keys()) + ")" + unitHint(e.getKey(), Metric.keys())));
      String g = text(e.getValue(), path).toLowerCase(Locale.ROOT);
      Goal goal;
      if (g.equals("min")) {
        goal = Goal.MIN;
      } else if (g.equals("max")) {
        goal = Goal.MAX;
      } else {
        throw error(path, "invalid value '" + g + "' (expected min or max)");
      }
      list.add(new Objective(m, goal));
    }
    return list;
  }

  // ---- small typed readers; each names the key and line when it refuses ----

  private List<String> scalarList(JsonNode array, String path) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isValueNode() || item.isNull()) {
        throw error(path + "[" + i + "]", "expected a single value, got " + kind(item));
      }
      out.add(item.asText());
    }
    return out;
  }

  private BigDecimal number(JsonNode n, String path) {
    if (n == null || !n.isNumber()) {
      throw error(path, "expected a number, got " + kind(n));
    }
    BigDecimal d = n.decimalValue();
    if (d.signum() <= 0) {
      throw error(path, "must be > 0, got " + SweepParameter.plain(d.abs().signum() == 0 ? BigDecimal.ZERO : d));
    }
    return d;
  }

  private int positiveInt(JsonNode n, String path) {
    int v = nonNegativeInt(n, path);
    if (v < 1) {
      throw error(path, "must be >= 1, got " + v);
    }
    return v;
  }

  private int nonNegativeInt(JsonNode n, String path) {
    if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
      throw error(path, "expected a whole number, got " + kind(n));
    }
    if (n.intValue() < 0) {
      throw error(path, "must be >= 0, got " + n.intValue());
    }
    return n.intValue();
  }

  private String text(JsonNode n, String path) {
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw error(path, "expected a non-empty string, got " + kind(n));
    }
    return n.asText().trim();
  }

  private String requiredText(JsonNode parent, String key) {
    return requiredText(parent, key, key);
  }

  private String requiredText(JsonNode parent, String path, String key) {
    return text(required(parent, path, key), path);
  }

  private JsonNode required(JsonNode parent, String key) {
    return required(parent, key, key);
  }

  private JsonNode required(JsonNode parent, String path, String key) {
    JsonNode n = parent.get(key);
    if (n == null) {
      throw new IllegalArgumentException(source + ": missing key '" + path + "'");
    }
    return n;
  }

  private void requireMapping(JsonNode n, String path) {
    if (!n.isObject()) {
      throw error(path.isEmpty() ? "(top level)" : path, "expected a mapping, got " + kind(n));
    }
  }

  private void checkKeys(JsonNode n, String path, List<String> known) {
    Iterator<String> names = n.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!known.contains(k)) {
        String full = path.isEmpty() ? k : path + "." + k;
        throw error(full, "unknown key '" + k + "' (expected one of: " + String.join(", ", known) + ")"
            + unitHint(k, known));
      }
    }
  }

  /** "; wrong unit? ..." when the key ends in a unit and differs from a known key only in that unit. */
  private static String unitHint(String key, List<String> known) {
    String hint = UnitSuffixes.hint(key, known);
    return hint == null ? "" : "; " + hint;
  }

  private static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    if (n.isNull()) {
      return "null";
    }
    if (n.isObject()) {
      return "a mapping";
    }
    if (n.isArray()) {
      return "a list";
    }
    if (n.isNumber()) {
      return "the number " + n.asText();
    }
    if (n.isBoolean()) {
      return n.asText();
    }
    return "'" + n.asText() + "'";
  }

  private IllegalArgumentException error(String path, String what) {
    return new IllegalArgumentException(source + ": key '" + path + "': " + what + positions.at(path));
  }
}
