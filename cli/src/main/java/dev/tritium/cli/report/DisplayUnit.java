package dev.tritium.cli.report;

import java.util.List;

/**
 * A display unit for a chart axis: the largest unit in which the biggest value is at least 1 (so axes
 * read "3.2 ms", not "3200000 ns").
 *
 * @param symbol printed in the axis title, e.g. "ms"
 * @param perBase how many base units (ns or pJ) one of this unit is
 */
public record DisplayUnit(String symbol, double perBase) {

  static final List<DisplayUnit> TIME = List.of(new DisplayUnit("ns", 1), new DisplayUnit("µs", 1e3),
      new DisplayUnit("ms", 1e6), new DisplayUnit("s", 1e9));
  static final List<DisplayUnit> ENERGY = List.of(new DisplayUnit("pJ", 1), new DisplayUnit("nJ", 1e3),
      new DisplayUnit("µJ", 1e6), new DisplayUnit("mJ", 1e9), new DisplayUnit("J", 1e12));

  /** For time values given in ns. */
  public static DisplayUnit forNs(double maxNs) {
    return pick(TIME, maxNs);
  }

  /** For energy values given in pJ. */
  public static DisplayUnit forPj(double maxPj) {
    return pick(ENERGY, maxPj);
  }

  public double convert(double baseValue) {
    return baseValue / perBase;
  }

  private static DisplayUnit pick(List<DisplayUnit> units, double max) {
    DisplayUnit best = units.get(0);
    for (DisplayUnit u : units) {
      if (max >= u.perBase) {
        best = u;
      }
    }
    return best;
  }
}
