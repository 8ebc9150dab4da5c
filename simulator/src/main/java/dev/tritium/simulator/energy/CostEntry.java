package dev.tritium.simulator.energy;

import java.util.Objects;

/**
 * One published (or explicitly assumed) figure: the energy of an action or the area of a component,
 * under stated conditions, at a technology node, with its source.
 *
 * @param value pJ per operation or per bit for actions, um^2 per instance or per bit for components
 *     (see {@link CostKind#unit()})
 * @param nodeNm the technology node the figure holds for; 0 for off-chip figures that do not scale
 * @param source paper, table/figure, node and voltage where known; assumptions say so and give their
 *     basis
 * @param origin the table file and line it came from (for reports and errors)
 */
public record CostEntry(CostKind kind, Conditions conditions, double value, int nodeNm, String source,
    String origin) {

  public CostEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(conditions, "conditions");
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(origin + ": " + kind.id() + conditions
          + " must have a finite non-negative figure, got " + value);
    }
    if (nodeNm < 0 || (nodeNm == 0 && kind.scalesWithNode())) {
      throw new IllegalArgumentException(origin + ": " + kind.id() + conditions
          + " needs a positive node_nm, got " + nodeNm);
    }
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException(origin + ": " + kind.id() + conditions + " has no source");
    }
  }

  /** The priced key as written in table files, e.g. {@code int_add{bits=8}}. */
  public String key() {
    return kind.id() + conditions;
  }

  /** True if this entry prices exactly this kind and these conditions. */
  boolean matches(CostKind otherKind, Conditions otherConditions) {
    return kind == otherKind && conditions.equals(otherConditions);
  }
}
