package dev.tritium.mapper.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tritium.mapper.model.GroupRun;
import dev.tritium.simulator.energy.accounting.AreaReport;
import dev.tritium.simulator.energy.accounting.AreaRow;
import dev.tritium.simulator.energy.accounting.EnergyEntry;
import dev.tritium.simulator.energy.accounting.EnergyReport;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a model call's energy and area reports into a directory:
 * <ul>
 *   <li>{@code energy.csv}: one row per layer group, unit and action class (see {@link #ENERGY_COLUMNS});
 *       {@code count} is in {@code count_unit} (ops or bits), {@code pJ_per_action} per op or per bit;
 *   <li>{@code area.csv}: one row per unit ({@link #AREA_COLUMNS});
 *   <li>{@code totals.json}: latency, energy by level, dynamic / static / total, area, footprint, and
 *       the cost model's tables, nodes and scaling law.
 * </ul>
 */
public final class ReportFiles {

  public static final List<String> ENERGY_COLUMNS = List.of("layer", "unit", "action_class", "action", "count",
      "count_unit", "pJ_per_action", "total_pJ", "level", "count_basis", "source");
  public static final List<String> AREA_COLUMNS = List.of("unit", "component", "instances", "um2_per_instance",
      "total_um2", "source");

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportFiles() {}

  /** Writes the three files into {@code dir} (created if needed); returns their paths. */
  public static List<Path> write(ModelEnergyReport r, Path dir) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IOException("--report: " + dir + " exists and is not a directory");
    }
    Files.createDirectories(dir);
    Path energy = dir.resolve("energy.csv");
    Path area = dir.resolve("area.csv");
    Path totals = dir.resolve("totals.json");
    try (Writer w = Files.newBufferedWriter(energy, StandardCharsets.UTF_8)) {
      writeEnergy(r, w);
    }
    try (Writer w = Files.newBufferedWriter(area, StandardCharsets.UTF_8)) {
      writeArea(r.area(), w);
    }
    Files.writeString(totals, JSON.writeValueAsString(totals(r)) + "\n", StandardCharsets.UTF_8);
    return List.of(energy, area, totals);
  }

  static void writeEnergy(ModelEnergyReport r, Appendable out) throws IOException {
    CSVPrinter p = new CSVPrinter(out, CSV);
    p.printRecord(ENERGY_COLUMNS);
    for (GroupRun g : r.groups()) {
      for (EnergyEntry e : g.energy().entries()) {
        p.printRecord(g.group(), e.unit(), e.actionClass(), e.action(), e.count(), e.countUnit(),
            num(e.pJPerAction()), num(e.totalPj()), e.level().label(), e.countBasis(), e.source());
      }
    }
    p.flush();
  }

  static void writeArea(AreaReport a, Appendable out) throws IOException {
    CSVPrinter p = new CSVPrinter(out, CSV);
    p.printRecord(AREA_COLUMNS);
    for (AreaRow row : a.rows()) {
      p.printRecord(row.unit(), row.price().component(), row.instances(), num(row.um2PerInstance()),
          num(row.totalUm2()), row.source());
    }
    p.flush();
  }

  static ObjectNode totals(ModelEnergyReport r) {
    EnergyReport t = r.total();
    ObjectNode o = JSON.createObjectNode();
    o.put("model", r.model());
    o.put("arch", r.arch());
    o.put("phase", r.phase());
    o.put("tokens", r.tokens());
    o.put("context_tokens", r.shape().start());
    o.put("latency_ms", r.latencyMs());
    o.put("latency_basis", r.latencyNote());
    o.put("dynamic_pJ", t.dynamicPj());
    o.put("static_pJ", t.staticPj());
    o.put("total_pJ", t.totalPj());
    o.put("total_pJ_per_token", t.totalPj() / r.tokens());
    o.put("compute_pJ", t.computePj());
    o.put("memory_pJ", t.memoryPj());
    ObjectNode levels = o.putObject("dynamic_pJ_by_level");
    for (Map.Entry<String, Double> e : t.byLevel().entrySet()) {
      levels.put(e.getKey(), e.getValue());
    }
    ObjectNode groups = o.putObject("dynamic_pJ_by_layer");
    for (GroupRun g : r.groups()) {
      groups.put(g.group(), g.energy().dynamicPj());
    }
    o.put("static_runtime_ns", t.staticEnergy().runtimeNs());
    o.put("leakage_nW_per_um2", t.staticEnergy().nWPerUm2());
    o.put("leakage_source", t.staticEnergy().source());
    o.put("area_um2", r.area().totalUm2());
    ObjectNode area = o.putObject("area_um2_by_unit");
    for (AreaRow row : r.area().rows()) {
      area.put(row.unit(), row.totalUm2());
    }
    o.put("model_footprint_bytes", r.footprint().totalBytes());
    o.put("projection_weight_bytes", r.footprint().projectionBytes());
    o.put("projection_weight_format", r.footprint().projectionFormat());
    o.put("cost_model", t.costModel());
    return o;
  }

  private static String num(double v) {
    return Double.toString(v);
  }
}
