package dev.tritium.cli.report.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tritium.cli.report.model.DesignPoint;
import dev.tritium.cli.report.model.Objective;
import dev.tritium.cli.report.model.SweepResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads the files {@code tritium dse} writes: DIR/results.csv ({@code point_id}, the parameters, the
 * metric columns, {@code status}, {@code reason}), DIR/pareto.csv (the same layout, front rows only) and
 * DIR/sweep.json (name, workload, parameters, objectives, columns). See dse's ResultsCsv and SweepJson.
 */
public final class SweepReader {

  public static final String RESULTS = "results.csv";
  public static final String PARETO = "pareto.csv";
  public static final String SWEEP = "sweep.json";

  private static final Set<String> STATUSES = Set.of("ok", "infeasible", "failed");

  private SweepReader() {}

  /** The sweep in {@code dir}, or empty when it has no results.csv. Missing pareto.csv adds a note. */
  public static Optional<SweepResults> read(Path dir, List<String> notes) throws IOException {
    Path results = dir.resolve(RESULTS);
    if (!Files.isRegularFile(results)) {
      return Optional.empty();
    }
    Path sweepFile = dir.resolve(SWEEP);
    if (!Files.isRegularFile(sweepFile)) {
      throw new IllegalArgumentException(sweepFile + ": missing; tritium dse writes it next to " + RESULTS
          + " (the report needs the parameters and objectives)");
    }
    JsonFields sweep = JsonFields.read(sweepFile);
    List<String> parameterKeys = fieldNames(sweep.object("parameters"));
    List<Objective> objectives = objectives(sweep);
    CsvTable table = CsvTable.read(results);
    List<String> metricKeys = metricKeys(table, sweep, parameterKeys);
    for (Objective o : objectives) {
      if (!metricKeys.contains(o.metric())) {
        throw new IllegalArgumentException(sweepFile + ": objective '" + o.metric() + "' is not a metric column of "
            + results + " (metrics: " + String.join(",", metricKeys) + ")");
      }
    }
    List<DesignPoint> points = points(table, parameterKeys, metricKeys);
    Set<Long> pareto = new HashSet<>();
    Path paretoFile = dir.resolve(PARETO);
    if (Files.isRegularFile(paretoFile)) {
      Set<Long> ids = new HashSet<>();
      points.forEach(p -> ids.add(p.pointId()));
      CsvTable front = CsvTable.read(paretoFile);
      int id = front.column("point_id");
      for (CsvTable.Row r : front.rows()) {
        long pid = pointId(front, r, id);
        if (!ids.contains(pid)) {
          throw new IllegalArgumentException(front.where(r, id) + ": point " + pid + " is not in " + results);
        }
        pareto.add(pid);
      }
    } else {
      notes.add(paretoFile + " is missing (sweep still running?): the Pareto front is not highlighted.");
    }
    return Optional.of(new SweepResults(sweep.optionalText("sweep", dir.getFileName() + ""),
        sweep.optionalText("description", ""), workload(sweep.object("workload")), parameterKeys, metricKeys,
        objectives, points, pareto));
  }

  private static List<Objective> objectives(JsonFields sweep) {
    List<Objective> out = new ArrayList<>();
    JsonNode o = sweep.object("objectives");
    for (String metric : fieldNames(o)) {
      String goal = o.get(metric).asText();
      if (!goal.equals("min") && !goal.equals("max")) {
        throw new IllegalArgumentException(sweep.file() + ": objectives." + metric + ": expected min or max, got '"
            + goal + "'");
      }
      out.add(new Objective(metric, goal.equals("min")));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(sweep.file() + ": field 'objectives': expected at least one objective");
    }
    return out;
  }

  /** The columns between the parameters and status, after checking the header against sweep.json. */
  private static List<String> metricKeys(CsvTable table, JsonFields sweep, List<String> parameterKeys) {
    List<String> h = table.header();
    JsonNode columns = sweep.node("columns");
    if (columns != null && columns.isArray()) {
      List<String> expected = new ArrayList<>();
      columns.forEach(c -> expected.add(c.asText()));
      if (!expected.equals(h)) {
        throw new IllegalArgumentException(table.file() + ": header " + String.join(",", h) + " differs from the "
            + "columns in " + sweep.file() + ": " + String.join(",", expected));
      }
    }
    int p = parameterKeys.size();
    if (h.size() < p + 3 || !h.get(0).equals("point_id") || !h.subList(1, 1 + p).equals(parameterKeys)
        || !h.get(h.size() - 2).equals("status") || !h.get(h.size() - 1).equals("reason")) {
      throw new IllegalArgumentException(table.file() + ": expected the header point_id," + String.join(",", parameterKeys)
          + ",<metrics>,status,reason; got " + String.join(",", h));
    }
    return List.copyOf(h.subList(1 + p, h.size() - 2));
  }

  private static List<DesignPoint> points(CsvTable table, List<String> parameterKeys, List<String> metricKeys) {
    int p = parameterKeys.size();
    int statusCol = table.header().size() - 2;
    List<DesignPoint> points = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (CsvTable.Row r : table.rows()) {
      long id = pointId(table, r, 0);
      if (!seen.add(id)) {
        throw new IllegalArgumentException(table.where(r, 0) + ": point " + id + " appears twice");
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < p; i++) {
        params.put(parameterKeys.get(i), r.fields().get(1 + i));
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (int i = 0; i < metricKeys.size(); i++) {
        OptionalDouble v = table.optionalNumber(r, 1 + p + i);
        if (v.isPresent()) {
          metrics.put(metricKeys.get(i), v.getAsDouble());
        }
      }
      String status = r.fields().get(statusCol);
      if (!STATUSES.contains(status)) {
        throw new IllegalArgumentException(table.where(r, statusCol) + ": expected ok, infeasible or failed, got '"
            + status + "'");
      }
      points.add(new DesignPoint(id, params, metrics, status, r.fields().get(statusCol + 1)));
    }
    points.sort(Comparator.comparingLong(DesignPoint::pointId));
    return points;
  }

  private static long pointId(CsvTable t, CsvTable.Row r, int column) {
    String s = r.fields().get(column);
    try {
      long id = Long.parseLong(s);
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(t.where(r, column) + ": expected a point id (whole number >= 0), got '" + s + "'");
  }

  private static String workload(JsonNode w) {
    StringBuilder b = new StringBuilder();
    b.append(w.path("model").asText("?")).append(' ').append(w.path("phase").asText("?"));
    if (w.has("tokens")) {
      b.append(", ").append(w.get("tokens").asText()).append(" token(s)");
    }
    if (w.has("context")) {
      b.append(", context ").append(w.get("context").asText());
    }
    if (w.has("format")) {
      b.append(", weights ").append(w.get("format").asText());
    }
    if (w.has("kv_format")) {
      b.append(", KV cache ").append(w.get("kv_format").asText());
    }
    return b.toString();
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
      names.add(it.next());
    }
    return names;
  }
}
