package dev.tritium.dse.eval;

import java.util.Locale;

/** Outcome of one design point, as written in the {@code status} column. */
public enum PointStatus {
  /** Evaluated and within every constraint: a Pareto candidate. */
  OK,
  /** Evaluated (or sized) but over a constraint; the reason says which. */
  INFEASIBLE,
  /** Not a valid design, or the workload could not be mapped on it; the reason says why. */
  FAILED;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PointStatus parse(String key) {
    for (PointStatus s : values()) {
      if (s.key().equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown status '" + key + "' (expected ok, infeasible or failed)");
  }
}
