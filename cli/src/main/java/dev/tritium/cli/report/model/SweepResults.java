package dev.tritium.cli.report.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A sweep's results as the report sees them (from DIR/results.csv, DIR/pareto.csv, DIR/sweep.json).
 *
 * @param workload one line, e.g. "bitnet-b1.58-2b-4t decode, context 1024"
 * @param parameterKeys varied parameters, in column order
 * @param metricKeys metric columns, in column order
 * @param objectives the sweep's objectives, in file order (the first one chooses the design)
 * @param points every row, sorted by point id
 * @param paretoIds point ids listed in pareto.csv
 */
public record SweepResults(String name, String description, String workload, List<String> parameterKeys,
    List<String> metricKeys, List<Objective> objectives, List<DesignPoint> points, Set<Long> paretoIds) {

  public SweepResults {
    parameterKeys = List.copyOf(parameterKeys);
    metricKeys = List.copyOf(metricKeys);
    objectives = List.copyOf(objectives);
    points = List.copyOf(points);
    paretoIds = Set.copyOf(paretoIds);
  }

  public boolean onFront(DesignPoint p) {
    return paretoIds.contains(p.pointId());
  }

  public long count(String status) {
    return points.stream().filter(p -> p.status().equals(status)).count();
  }

  /** The front's rows ordered best first by the objectives (lexicographically), then by point id. */
  public List<DesignPoint> frontBestFirst() {
    return points.stream().filter(this::onFront).sorted(byObjectives()).toList();
  }

  /**
   * The chosen design: the ok point best in the first objective; ties go to the next objectives, then
   * the lowest point id. Empty when no point is ok.
   */
  public Optional<DesignPoint> chosen() {
    return points.stream().filter(DesignPoint::ok).min(byObjectives());
  }

  private Comparator<DesignPoint> byObjectives() {
    Comparator<DesignPoint> c = (a, b) -> 0;
    for (Objective o : objectives) {
      c = c.thenComparing((a, b) -> o.compare(value(a, o), value(b, o)));
    }
    return c.thenComparingLong(DesignPoint::pointId);
  }

  private static double value(DesignPoint p, Objective o) {
    // An ok row without the objective's value sorts last (dse never writes one).
    return p.metric(o.metric()).orElse(o.minimise() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
  }
}
