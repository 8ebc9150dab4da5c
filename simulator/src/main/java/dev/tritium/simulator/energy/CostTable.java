package dev.tritium.simulator.energy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One table file: energy entries, area entries and at most one leakage density. Two entries for the
 * same key at the same node are an error; the same key at different nodes is allowed (the BitNet table
 * gives 45 nm and 7 nm figures), and pricing picks the entry at the target node or the nearest one.
 */
public record CostTable(String name, String description, List<CostEntry> energy, List<CostEntry> area,
    List<LeakageEntry> leakage) {

  public CostTable {
    energy = List.copyOf(energy);
    area = List.copyOf(area);
    leakage = List.copyOf(leakage);
    rejectDuplicates(name, energy);
    rejectDuplicates(name, area);
    if (leakage.size() > 1) {
      throw new IllegalArgumentException(leakage.get(1).origin() + ": table " + name
          + " has more than one leakage entry (first at " + leakage.get(0).origin() + ")");
    }
  }

  private static void rejectDuplicates(String table, List<CostEntry> entries) {
    Map<String, CostEntry> seen = new HashMap<>();
    for (CostEntry e : entries) {
      CostEntry before = seen.putIfAbsent(e.key() + "@" + e.nodeNm(), e);
      if (before != null) {
        throw new IllegalArgumentException(e.origin() + ": duplicate entry " + e.key() + " at "
            + e.nodeNm() + " nm in table " + table + " (first at " + before.origin() + ")");
      }
    }
  }

  /** The entries of the given kind family: same kind, same conditions outside {@code ignored}. */
  static List<CostEntry> family(List<CostEntry> entries, CostKind kind, Conditions familyKey,
      Set<Param> ignored) {
    return entries.stream()
        .filter(e -> e.kind() == kind && e.conditions().without(ignored).equals(familyKey))
        .toList();
  }
}
