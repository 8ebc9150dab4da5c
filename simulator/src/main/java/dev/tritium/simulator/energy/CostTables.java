package dev.tritium.simulator.energy;

import dev.tritium.common.io.InputFiles;
import dev.tritium.common.yaml.YamlLines;
import dev.tritium.common.yaml.YamlTree;
import dev.tritium.common.yaml.YamlTree.Field;
import dev.tritium.common.yaml.YamlTree.ListNode;
import dev.tritium.common.yaml.YamlTree.MapNode;
import dev.tritium.common.yaml.YamlTree.Node;
import dev.tritium.common.yaml.YamlTree.ScalarNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads energy/area table files (YAML, the format of the built-in tables under
 * {@code simulator/src/main/resources/energy/}) with strict validation: unknown keys, unknown action or
 * component names, missing conditions, missing or blank sources, negative figures, the wrong unit key
 * and duplicate entries are errors that name the file, the line and the key.
 *
 * <pre>
 * table: my-measurements          # required
 * description: ...                # optional
 * energy:
 *   - action: int_add             # an ActionKind id
 *     bits: 16                    # every condition the action takes
 *     pJ: 0.05                    # pJ (per operation) or pJ_per_bit (per-bit actions)
 *     node_nm: 45
 *     source: "Horowitz, ISSCC 2014, ..."
 * area:
 *   - component: int_adder
 *     bits: 16
 *     um2: 67                     # um2 (per instance) or um2_per_bit
 *     node_nm: 45
 *     source: "..."
 * leakage:
 *   - nW_per_um2: 12.4
 *     node_nm: 40
 *     source: "..."
 * </pre>
 */
public final class CostTables {

  /** Built-in tables, in the order {@link EnergyPresets} stacks them. */
  private static final List<String> BUILTIN = List.of(
      "horowitz-isscc2014", "bitnet-2023-table2", "aladdin-40nm", "dram-kinds", "sram-area-cacti");

  private static final Set<String> TOP_KEYS = Set.of("table", "description", "energy", "area", "leakage");

  private CostTables() {}

  /** Names of the built-in tables. */
  public static List<String> builtinNames() {
    return BUILTIN;
  }

  /** A built-in table by name. */
  public static CostTable builtin(String name) {
    if (!BUILTIN.contains(name)) {
      throw new IllegalArgumentException("no built-in energy table '" + name + "' (known: "
          + String.join(", ", BUILTIN) + ")");
    }
    String resource = "/energy/" + name + ".yaml";
    try (InputStream in = CostTables.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in table resource missing: " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "energy/" + name + ".yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A user table file.
   *
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException naming file, line and key for every format error
   */
  public static CostTable load(Path file) throws IOException {
    return parse(InputFiles.text(file, "an energy cost table (YAML)", YamlLines.MAX_YAML_BYTES), file.toString());
  }

  /** Parses table text; {@code file} names it in errors and in each entry's origin. */
  public static CostTable parse(String text, String file) {
    Node root = YamlTree.parse(text, file);
    MapNode top = asMap(root, file, "the table");
    rejectUnknown(top, TOP_KEYS, file, "at the top level");
    String name = requiredText(top, "table", file, "the table");
    String description = optionalText(top, "description", file).orElse("");
    List<CostEntry> energy = entries(top, "energy", file, "action", ActionKind::byId,
        Arrays.asList(ActionKind.values()), PriceUnit::energyKey);
    List<CostEntry> area = entries(top, "area", file, "component", ComponentKind::byId,
        Arrays.asList(ComponentKind.values()), PriceUnit::areaKey);
    List<LeakageEntry> leakage = new ArrayList<>();
    for (MapNode m : list(top, "leakage", file)) {
      String where = "leakage entry";
      rejectUnknown(m, Set.of("nW_per_um2", "node_nm", "source"), file, "in the " + where);
      leakage.add(new LeakageEntry(number(m, "nW_per_um2", file, where), node(m, file, where),
          requiredText(m, "source", file, where), file + ":" + m.line()));
    }
    return new CostTable(name, description, energy, area, leakage);
  }

  private static <K extends CostKind> List<CostEntry> entries(MapNode top, String section, String file,
      String kindKey, Function<String, Optional<K>> byId, List<K> all, Function<PriceUnit, String> valueKey) {
    List<CostEntry> out = new ArrayList<>();
    for (MapNode m : list(top, section, file)) {
      String kindName = requiredText(m, kindKey, file, section + " entry");
      K kind = byId.apply(kindName).orElseThrow(() -> new IllegalArgumentException(
          file + ":" + m.fields().get(kindKey).line() + ": unknown " + kindKey + " '" + kindName
              + "' (known: " + all.stream().map(CostKind::id).collect(Collectors.joining(", ")) + ")"));
      String where = section + " entry " + kindName;
      String figureKey = valueKey.apply(kind.unit());
      Set<String> allowed = new LinkedHashSet<>(List.of(kindKey, figureKey, "node_nm", "source"));
      kind.params().forEach(p -> allowed.add(p.key()));
      for (PriceUnit other : PriceUnit.values()) {
        String otherKey = valueKey.apply(other);
        if (!otherKey.equals(figureKey) && m.fields().containsKey(otherKey)) {
          throw new IllegalArgumentException(file + ":" + m.fields().get(otherKey).line() + ": " + kindName
              + " is priced " + (kind.unit() == PriceUnit.PER_BIT ? "per bit" : "per "
              + (section.equals("area") ? "instance" : "operation")) + ": write " + figureKey + ", not "
              + otherKey);
        }
      }
      rejectUnknown(m, allowed, file, "in the " + where);
      Map<Param, String> raw = new EnumMap<>(Param.class);
      for (Param p : kind.params()) {
        Field f = m.fields().get(p.key());
        if (f == null) {
          throw new IllegalArgumentException(file + ":" + m.line() + ": " + where + " needs condition '"
              + p.key() + "'");
        }
        raw.put(p, scalar(f, file));
      }
      Conditions conditions;
      try {
        conditions = Conditions.of(kind, raw);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + m.line() + ": " + where + ": " + e.getMessage(), e);
      }
      double figure = number(m, figureKey, file, where);
      if (figure < 0) {
        throw new IllegalArgumentException(file + ":" + m.fields().get(figureKey).line() + ": " + where + " "
            + figureKey + " must not be negative, got " + figure);
      }
      int node = kind.scalesWithNode() || m.fields().containsKey("node_nm") ? node(m, file, where) : 0;
      out.add(new CostEntry(kind, conditions, figure, node, requiredText(m, "source", file, where),
          file + ":" + m.line()));
    }
    return out;
  }

  private static List<MapNode> list(MapNode top, String key, String file) {
    Field f = top.fields().get(key);
    if (f == null) {
      return List.of();
    }
    if (!(f.value() instanceof ListNode l)) {
      throw new IllegalArgumentException(file + ":" + f.line() + ": '" + key + "' must be a list of entries");
    }
    List<MapNode> out = new ArrayList<>();
    for (Node n : l.items()) {
      out.add(asMap(n, file, "each '" + key + "' entry"));
    }
    return out;
  }

  private static MapNode asMap(Node n, String file, String what) {
    if (!(n instanceof MapNode m)) {
      throw new IllegalArgumentException(file + ":" + n.line() + ": " + what + " must be a mapping of keys");
    }
    return m;
  }

  private static void rejectUnknown(MapNode m, Set<String> allowed, String file, String where) {
    for (Field f : m.fields().values()) {
      if (!allowed.contains(f.key())) {
        throw new IllegalArgumentException(file + ":" + f.line() + ": unknown key '" + f.key() + "' " + where
            + " (expected " + String.join(", ", allowed) + ")");
      }
    }
  }

  private static String scalar(Field f, String file) {
    if (!(f.value() instanceof ScalarNode s) || s.text() == null) {
      throw new IllegalArgumentException(file + ":" + f.line() + ": '" + f.key() + "' must be a single value");
    }
    return s.text();
  }

  private static String requiredText(MapNode m, String key, String file, String where) {
    return optionalText(m, key, file).filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalArgumentException(
        file + ":" + m.line() + ": " + where + " needs a non-empty '" + key + "'"));
  }

  private static Optional<String> optionalText(MapNode m, String key, String file) {
    Field f = m.fields().get(key);
    return f == null ? Optional.empty() : Optional.of(scalar(f, file));
  }

  private static double number(MapNode m, String key, String file, String where) {
    Field f = m.fields().get(key);
    if (f == null) {
      throw new IllegalArgumentException(file + ":" + m.line() + ": " + where + " needs '" + key + "'");
    }
    String text = scalar(f, file);
    try {
      double v = Double.parseDouble(text);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ":" + f.line() + ": '" + key + "' must be a finite number, got '"
          + text + "'");
    }
  }

  private static int node(MapNode m, String file, String where) {
    double v = number(m, "node_nm", file, where);
    if (v != Math.rint(v) || v <= 0 || v > 10_000) {
      throw new IllegalArgumentException(file + ":" + m.fields().get("node_nm").line()
          + ": node_nm must be a positive whole number of nm, got " + v);
    }
    return (int) v;
  }
}
