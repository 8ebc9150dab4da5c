package dev.tritium.mapper.tiling;

import java.util.Locale;

/** What the tiling search minimises. */
public enum Objective {
  /** Simulated cycles (the default). */
  CYCLES,
  /** Energy in pJ (priced action counts). */
  ENERGY,
  /** Energy-delay product, pJ x cycles. */
  EDP;

  /** The objective value of a (cycles, energy) pair; lower is better. */
  public double score(double cycles, double energyPj) {
    return switch (this) {
      case CYCLES -> cycles;
      case ENERGY -> energyPj;
      case EDP -> cycles * energyPj;
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code cycles}, {@code energy} or {@code edp}. */
  public static Objective parse(String s) {
    for (Objective o : values()) {
      if (o.label().equals(s)) {
        return o;
      }
    }
    throw new IllegalArgumentException("--objective: expected cycles, energy or edp, got '" + s + "'");
  }
}
