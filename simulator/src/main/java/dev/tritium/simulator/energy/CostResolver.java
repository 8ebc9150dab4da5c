package dev.tritium.simulator.energy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds the figure for a key in a stack of tables and moves it to the target node. Shared by the
 * energy and the area model.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>The first table in the stack that has any entry of the key's <em>family</em> (same kind, same
 *       conditions apart from the interpolated width/capacity) prices the key; later tables are not
 *       mixed in, so one source's figures are never interpolated against another's.
 *   <li>Among that table's entries for one set of conditions, the one at the target node is used;
 *       otherwise the nearest node (in log distance, ties to the larger node), scaled by the law.
 *   <li>Widths or capacities no entry gives are interpolated at the target node
 *       ({@link Interpolation}).
 * </ol>
 */
final class CostResolver {

  private final List<CostTable> tables;
  private final Function<CostTable, List<CostEntry>> section;
  private final ScalingLaw law;
  private final int targetNm;
  private final boolean energy;

  CostResolver(List<CostTable> tables, Function<CostTable, List<CostEntry>> section, ScalingLaw law,
      int targetNm, boolean energy) {
    this.tables = List.copyOf(tables);
    this.section = section;
    this.law = law;
    this.targetNm = targetNm;
    this.energy = energy;
  }

  /** The figure for exactly these conditions, if a table prices the family. */
  Optional<Priced> lookup(CostKind kind, Conditions conditions) {
    Param x = kind.interpolated();
    double at = x == null ? 0 : conditions.integer(x);
    return lookupAt(kind, conditions, at);
  }

  /**
   * The figure for a family at a possibly fractional value of the interpolated parameter (an int4 x
   * int8 multiplier is looked up as a sqrt(4*8)-bit symmetric one).
   */
  Optional<Priced> lookupAt(CostKind kind, Conditions conditions, double at) {
    Set<Param> ignored = new HashSet<>(kind.ignoredForInterpolation());
    if (kind.interpolated() != null) {
      ignored.add(kind.interpolated());
    }
    Conditions familyKey = conditions.without(ignored);
    for (CostTable table : tables) {
      List<CostEntry> family = CostTable.family(section.apply(table), kind, familyKey, ignored);
      if (family.isEmpty()) {
        continue;
      }
      List<CostEntry> exact = family.stream().filter(e -> e.matches(kind, conditions)).toList();
      if (!exact.isEmpty() && (kind.interpolated() == null || at == conditions.integer(kind.interpolated()))) {
        return Optional.of(scaled(nearestNode(exact)));
      }
      if (kind.interpolated() == null) {
        return Optional.empty();
      }
      return Optional.of(interpolate(kind, conditions, family, at, table));
    }
    return Optional.empty();
  }

  private Priced interpolate(CostKind kind, Conditions asked, List<CostEntry> family, double at,
      CostTable table) {
    // Prefer points stated for the asked ignored conditions (e.g. the same SRAM port width), if any.
    Set<Param> ignored = kind.ignoredForInterpolation();
    List<CostEntry> sameIgnored = family.stream()
        .filter(e -> ignored.stream().allMatch(p -> e.conditions().values().get(p).equals(asked.values().get(p))))
        .toList();
    List<CostEntry> points0 = sameIgnored.isEmpty() ? family : sameIgnored;
    Map<Long, List<CostEntry>> byX = points0.stream()
        .collect(Collectors.groupingBy(e -> e.conditions().integer(kind.interpolated()), TreeMap::new,
            Collectors.toList()));
    TreeMap<Long, Double> points = new TreeMap<>();
    List<CostEntry> used = new ArrayList<>();
    List<String> scaling = new ArrayList<>();
    for (Map.Entry<Long, List<CostEntry>> e : byX.entrySet()) {
      CostEntry best = nearestNode(e.getValue());
      Priced p = scaled(best);
      points.put(e.getKey(), p.value());
      used.add(best);
      scaling.add(p.derivation());
    }
    Interpolation.Result r = kind.interpolation().at(points, at, kind.singlePointExponent());
    String how = String.format(Locale.ROOT, "%s %s=%s %s over %s points of table %s [%s]", kind.id(),
        kind.interpolated().key(), Priced.fmt(at), r.how(), points.keySet(), table.name(),
        String.join("; ", scaling));
    return new Priced(r.value(), how, used);
  }

  /** The entry at the target node, or the nearest node (log distance; ties to the larger node). */
  private CostEntry nearestNode(List<CostEntry> entries) {
    return entries.stream()
        .min(Comparator.<CostEntry>comparingDouble(e -> e.nodeNm() == 0 ? 0
                : Math.abs(Math.log((double) e.nodeNm() / targetNm)))
            .thenComparing(Comparator.comparingInt(CostEntry::nodeNm).reversed()))
        .orElseThrow();
  }

  /** One entry moved to the target node. */
  Priced scaled(CostEntry e) {
    String figure = e.key() + " " + Priced.fmt(e.value());
    if (!e.kind().scalesWithNode() || e.nodeNm() == targetNm) {
      return new Priced(e.value(), figure + (e.nodeNm() > 0 ? " @" + e.nodeNm() + " nm" : ""), List.of(e));
    }
    double factor = energy ? law.energyFactor(e.nodeNm(), targetNm) : law.areaFactor(e.nodeNm(), targetNm);
    return new Priced(e.value() * factor, String.format(Locale.ROOT, "%s @%d nm x %.6g (%s %d->%d nm)", figure,
        e.nodeNm(), factor, energy ? "energy" : "area", e.nodeNm(), targetNm), List.of(e));
  }

  /** Names of the tables searched, for error messages. */
  String tableNames() {
    return tables.stream().map(CostTable::name).collect(Collectors.joining(", "));
  }

  int targetNm() {
    return targetNm;
  }

  ScalingLaw law() {
    return law;
  }

  List<CostTable> tables() {
    return tables;
  }
}
