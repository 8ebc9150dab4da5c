package dev.tritium.dse.eval;

import java.util.List;

/**
 * One line of results.csv: a point's parameters, its metrics as printed (canonical text, so a row
 * read back from disk is equal to the one written), status and reason.
 *
 * @param pointId the point's id in the sweep's enumeration order
 * @param values parameter values, one per axis
 * @param metrics metric texts in {@link dev.tritium.dse.sweep.Metric} order; empty strings where not measured
 * @param reason why the point is infeasible or failed; empty for ok points
 */
public record ResultRow(long pointId, List<String> values, List<String> metrics, PointStatus status, String reason) {

  public ResultRow {
    values = List.copyOf(values);
    metrics = List.copyOf(metrics);
    // One row is one line: a kill can then only tear the last line, which resume drops.
    reason = reason == null ? "" : reason.replaceAll("[\\r\\n]+", " ").strip();
  }
}
