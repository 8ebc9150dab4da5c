package dev.tritium.dse.run;

import dev.tritium.dse.eval.PointRunner;
import dev.tritium.dse.eval.PointStatus;
import dev.tritium.dse.eval.ResultRow;
import dev.tritium.dse.sweep.SweepSpec;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The results.csv (and pareto.csv) layout of one sweep: {@code point_id}, the parameter keys in
 * enumeration order, the metric columns (units in their names), {@code status}, {@code reason}. One row
 * per line, {@code \n} line ends, RFC 4180 quoting where a field needs it.
 */
public final class ResultsCsv {

  static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

  private final SweepSpec spec;
  private final List<String> header;

  public ResultsCsv(SweepSpec spec) {
    this.spec = spec;
    List<String> h = new ArrayList<>();
    h.add("point_id");
    h.addAll(spec.parameterKeys());
    h.addAll(PointRunner.metricKeys());
    h.add("status");
    h.add("reason");
    this.header = List.copyOf(h);
  }

  public List<String> header() {
    return header;
  }

  /** The header line, without line end. */
  public String headerLine() {
    return FORMAT.format(header.toArray());
  }

  /** One row as a line, without line end. */
  public String line(ResultRow r) {
    List<String> f = new ArrayList<>(header.size());
    f.add(Long.toString(r.pointId()));
    f.addAll(r.values());
    f.addAll(r.metrics());
    f.add(r.status().key());
    f.add(r.reason());
    return FORMAT.format(f.toArray());
  }

  /**
   * Reads back one line written by {@link #line}.
   *
   * @param where file and line number for messages
   * @throws IllegalArgumentException when the line is not a row of this sweep
   */
  public ResultRow parse(String line, String where) {
    List<String> f;
    try (CSVParser p = CSVParser.parse(new StringReader(line), FORMAT)) {
      List<CSVRecord> records = p.getRecords();
      if (records.size() != 1) {
        throw new IllegalArgumentException(where + ": expected one CSV record, got " + records.size());
      }
      f = records.get(0).toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(where + ": not a CSV row (" + e.getMessage() + ")", e);
    }
    if (f.size() != header.size()) {
      throw new IllegalArgumentException(where + ": expected " + header.size() + " fields (" + String.join(",", header)
          + "), got " + f.size());
    }
    long id;
    try {
      id = Long.parseLong(f.get(0));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": point_id '" + f.get(0) + "' is not a whole number", e);
    }
    if (id < 0 || id >= spec.pointCount()) {
      throw new IllegalArgumentException(where + ": point_id " + id + " is outside this sweep (0.."
          + (spec.pointCount() - 1) + ")");
    }
    int p = spec.parameterKeys().size();
    int m = PointRunner.metricKeys().size();
    List<String> values = f.subList(1, 1 + p);
    if (!values.equals(spec.valuesOf(id))) {
      throw new IllegalArgumentException(where + ": point " + id + " has parameters " + values
          + " but this sweep's point " + id + " has " + spec.valuesOf(id));
    }
    PointStatus status;
    try {
      status = PointStatus.parse(f.get(1 + p + m));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
    List<String> metrics = f.subList(1 + p, 1 + p + m);
    for (int i = 0; i < m; i++) {
      String v = metrics.get(i);
      if (v.isEmpty() && status != PointStatus.OK) {
        continue; // a point that did not run has no figures
      }
      double d;
      try {
        d = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        d = Double.NaN;
      }
      if (!Double.isFinite(d) || d < 0 || v.isBlank()) {
        throw new IllegalArgumentException(where + ": " + PointRunner.metricKeys().get(i) + " is '" + v
            + "' (expected a finite number >= 0" + (status == PointStatus.OK ? "" : " or nothing") + ")");
      }
    }
    return new ResultRow(id, values, metrics, status, f.get(2 + p + m));
  }
}
