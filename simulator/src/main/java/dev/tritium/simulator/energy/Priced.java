package dev.tritium.simulator.energy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A figure at the target node with its provenance: how it was derived and the table entries it rests
 * on. Shared by {@link PricedAction} (pJ) and {@link PricedComponent} (um^2).
 *
 * @param value pJ or um^2, per operation/instance or per bit as the kind says
 * @param derivation how the figure was obtained (exact entry, interpolation, recipe, node scaling)
 * @param sources the entries it rests on, without repeats
 */
record Priced(double value, String derivation, List<CostEntry> sources) {

  Priced {
    sources = List.copyOf(new LinkedHashSet<>(sources));
  }

  /** A weighted sum of parts: {@code sum(weight_i * part_i)}. */
  static Priced sum(String recipe, List<Double> weights, List<Priced> parts) {
    double total = 0;
    List<CostEntry> all = new ArrayList<>();
    List<String> how = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      total += weights.get(i) * parts.get(i).value();
      all.addAll(parts.get(i).sources());
      how.add((weights.get(i) == 1.0 ? "" : fmt(weights.get(i)) + " x ") + "[" + parts.get(i).derivation() + "]");
    }
    return new Priced(total, recipe + " = " + String.join(" + ", how), all);
  }

  /** Sources as one line: each entry's source and the file:line it came from. */
  String sourceLine() {
    return sources.stream().map(e -> e.key() + (e.nodeNm() > 0 ? " @" + e.nodeNm() + " nm" : "") + ": "
        + e.source() + " (" + e.origin() + ")").collect(Collectors.joining("; "));
  }

  static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.6g", v);
  }
}
