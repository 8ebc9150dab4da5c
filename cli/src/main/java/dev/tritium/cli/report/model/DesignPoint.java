package dev.tritium.cli.report.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One row of results.csv.
 *
 * @param parameters parameter key to value text, in column order
 * @param metrics metric column (unit in its name) to value; a metric left empty in the CSV is absent
 * @param status ok, infeasible or failed
 * @param reason why the point is infeasible or failed; empty for ok points
 */
public record DesignPoint(long pointId, Map<String, String> parameters, Map<String, Double> metrics, String status,
    String reason) {

  public static final String OK = "ok";

  public DesignPoint {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  public boolean ok() {
    return OK.equals(status);
  }

  public OptionalDouble metric(String key) {
    Double v = metrics.get(key);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
