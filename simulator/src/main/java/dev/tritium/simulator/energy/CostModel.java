package dev.tritium.simulator.energy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One energy and area model: a named stack of tables (user tables first, then a preset's built-in
 * tables), the scaling law and the target node. Build it with {@link #preset(String, int)}, then
 * {@link #withUserTables(List)} or {@link #atNode(int)}.
 *
 * <p>Presets:
 * <ul>
 *   <li>{@code horowitz-45nm} (default): Horowitz ISSCC 2014 arithmetic, SRAM and areas; Aladdin 40 nm
 *       register file, skip logic and leakage; DRAM per kind; CACTI-cell SRAM area.
 *   <li>{@code bitnet-table2}: the BitNet paper's Table 2 (45 nm and 7 nm) for int8/fp16/fp32 add and
 *       mult, taking over those families; everything else as {@code horowitz-45nm}.
 * </ul>
 */
public record CostModel(String name, List<CostTable> tables, ScalingLaw law, int targetNodeNm) {

  /** The preset used when none is named. */
  public static final String DEFAULT_PRESET = "horowitz-45nm";

  private static final List<String> COMMON = List.of("aladdin-40nm", "dram-kinds", "sram-area-cacti");

  private static final Map<String, List<String>> PRESETS = Map.of(
      "horowitz-45nm", concat(List.of("horowitz-isscc2014"), COMMON),
      "bitnet-table2", concat(List.of("bitnet-2023-table2", "horowitz-isscc2014"), COMMON));

  public CostModel {
    tables = List.copyOf(tables);
    if (targetNodeNm <= 0) {
      throw new IllegalArgumentException("technology node must be positive, got " + targetNodeNm + " nm");
    }
    law.energyFactor(targetNodeNm, targetNodeNm); // refuses nodes outside the law's range
  }

  /** Names of the presets, default first. */
  public static List<String> presetNames() {
    return List.of(DEFAULT_PRESET, "bitnet-table2");
  }

  /** A preset at a target node, scaled with Stillmaker & Baas 2017. */
  public static CostModel preset(String name, int targetNodeNm) {
    List<String> names = PRESETS.get(name);
    if (names == null) {
      throw new IllegalArgumentException("unknown energy preset '" + name + "' (known: "
          + String.join(", ", presetNames()) + ")");
    }
    return new CostModel(name, names.stream().map(CostTables::builtin).toList(), StillmakerBaas2017.NOMINAL,
        targetNodeNm);
  }

  /** This model with user tables searched before the preset's (a user family overrides a built-in one). */
  public CostModel withUserTables(List<CostTable> user) {
    List<CostTable> stack = new ArrayList<>(user);
    stack.addAll(tables);
    Set<String> names = new LinkedHashSet<>();
    for (CostTable t : stack) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("two energy tables are named '" + t.name() + "'");
      }
    }
    String label = name + " + " + user.stream().map(CostTable::name).collect(Collectors.joining(" + "));
    return new CostModel(user.isEmpty() ? name : label, stack, law, targetNodeNm);
  }

  /** The same tables at another node. */
  public CostModel atNode(int nodeNm) {
    return new CostModel(name, tables, law, nodeNm);
  }

  /** The energy side. */
  public EnergyModel energy() {
    return new EnergyModel(tables, law, targetNodeNm);
  }

  /** The area side. */
  public AreaModel area() {
    return new AreaModel(tables, law, targetNodeNm);
  }

  /**
   * What reports print: the tables, the reference nodes of their entries, the target node and the
   * scaling law.
   */
  public String describe() {
    Set<Integer> nodes = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
    for (CostTable t : tables) {
      t.energy().forEach(e -> addNode(nodes, e));
      t.area().forEach(e -> addNode(nodes, e));
      t.leakage().forEach(e -> nodes.add(e.nodeNm()));
    }
    return "energy/area model " + name + " at " + targetNodeNm + " nm; tables: "
        + tables.stream().map(CostTable::name).collect(Collectors.joining(", "))
        + "; reference nodes of the entries: " + nodes.stream().map(n -> n + " nm").collect(Collectors.joining(", "))
        + " (DRAM figures are not node-scaled); scaling law: " + law.description();
  }

  private static void addNode(Set<Integer> nodes, CostEntry e) {
    if (e.nodeNm() > 0) {
      nodes.add(e.nodeNm());
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }
}
