package dev.tritium.cli.report.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tritium.cli.report.model.AreaRecord;
import dev.tritium.cli.report.model.DesignInfo;
import dev.tritium.cli.report.model.DesignProfile;
import dev.tritium.cli.report.model.EnergyRecord;
import dev.tritium.cli.report.model.LayerTiming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads one design's profile from DIR: design.json and layers.csv (required together), energy.csv and
 * area.csv (optional). The formats are documented in cli/README.md ("Reports").
 */
public final class DesignReader {

  public static final String DESIGN = "design.json";
  public static final String LAYERS = "layers.csv";
  public static final String ENERGY = "energy.csv";
  public static final String AREA = "area.csv";

  /** compute_ns + memory_bound_ns may exceed latency_ns by this relative rounding slack. */
  static final double SUM_SLACK = 1e-6;

  private DesignReader() {}

  /** The profile in {@code dir}, or empty when it has neither design.json nor layers.csv. */
  public static Optional<DesignProfile> read(Path dir, List<String> notes) throws IOException {
    Path design = dir.resolve(DESIGN);
    Path layers = dir.resolve(LAYERS);
    boolean hasDesign = Files.isRegularFile(design);
    boolean hasLayers = Files.isRegularFile(layers);
    if (!hasDesign && !hasLayers) {
      return Optional.empty();
    }
    if (!hasDesign || !hasLayers) {
      Path missing = hasDesign ? layers : design;
      throw new IllegalArgumentException(missing + ": missing; a design profile needs both " + DESIGN + " and "
          + LAYERS);
    }
    DesignInfo info = info(design);
    List<LayerTiming> timing = layers(layers);
    Path energy = dir.resolve(ENERGY);
    List<EnergyRecord> energyRows = List.of();
    if (Files.isRegularFile(energy)) {
      energyRows = energy(energy);
    } else {
      notes.add(energy + " is missing: no energy breakdown.");
    }
    Path area = dir.resolve(AREA);
    List<AreaRecord> areaRows = Files.isRegularFile(area) ? area(area) : List.of();
    return Optional.of(new DesignProfile(info, timing, energyRows, areaRows));
  }

  static DesignInfo info(Path file) throws IOException {
    JsonFields j = JsonFields.read(file);
    OptionalLong pointId = OptionalLong.empty();
    JsonNode id = j.node("point_id");
    if (id != null && !id.isNull()) {
      if (!id.canConvertToLong() || !id.isIntegralNumber() || id.asLong() < 0) {
        throw new IllegalArgumentException(file + ": field 'point_id': expected a whole number >= 0, got " + id);
      }
      pointId = OptionalLong.of(id.asLong());
    }
    Map<String, String> params = new LinkedHashMap<>();
    JsonNode p = j.object("parameters");
    for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      params.put(e.getKey(), e.getValue().asText());
    }
    return new DesignInfo(j.text("design"), pointId, j.optionalText("workload", ""), j.positive("clock_mhz"),
        j.positive("peak_compute_ops_per_s"), j.positive("peak_dram_bandwidth_GBps"), params);
  }

  static List<LayerTiming> layers(Path file) throws IOException {
    CsvTable t = CsvTable.read(file);
    int type = t.column("layer_type");
    int latency = t.column("latency_ns");
    int compute = t.column("compute_ns");
    int memory = t.column("memory_bound_ns");
    int ops = t.column("ops");
    int bytes = t.column("dram_bytes");
    List<LayerTiming> out = new ArrayList<>();
    for (CsvTable.Row r : t.rows()) {
      String name = r.fields().get(type).strip();
      if (name.isEmpty()) {
        throw new IllegalArgumentException(t.where(r, type) + ": expected a layer type name, got an empty field");
      }
      LayerTiming l = new LayerTiming(name, t.nonNegative(r, latency), t.nonNegative(r, compute),
          t.nonNegative(r, memory), t.nonNegative(r, ops), t.nonNegative(r, bytes));
      if (l.computeNs() + l.memoryBoundNs() > l.latencyNs() * (1 + SUM_SLACK) + 1e-9) {
        throw new IllegalArgumentException(file + ":" + r.line() + ": compute_ns + memory_bound_ns ("
            + (l.computeNs() + l.memoryBoundNs()) + ") exceeds latency_ns (" + l.latencyNs() + ")");
      }
      out.add(l);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + ": expected at least one layer row");
    }
    return out;
  }

  static List<EnergyRecord> energy(Path file) throws IOException {
    CsvTable t = CsvTable.read(file);
    int unit = t.column("unit");
    int energy = t.column("energy_pJ");
    OptionalInt layer = t.optionalColumn("layer");
    OptionalInt action = t.optionalColumn("action");
    OptionalInt level = t.optionalColumn("memory_level");
    if (level.isEmpty()) {
      level = t.optionalColumn("level"); // the simulator's EnergyLevel labels: compute, sram.<buffer>, dram
    }
    List<EnergyRecord> out = new ArrayList<>();
    for (CsvTable.Row r : t.rows()) {
      String u = r.fields().get(unit).strip();
      out.add(new EnergyRecord(layer.isPresent() ? r.fields().get(layer.getAsInt()) : "all", u,
          level.isPresent() ? normaliseLevel(r.fields().get(level.getAsInt())) : memoryLevelOf(u),
          action.isPresent() ? r.fields().get(action.getAsInt()) : "", t.nonNegative(r, energy)));
    }
    return out;
  }

  static List<AreaRecord> area(Path file) throws IOException {
    CsvTable t = CsvTable.read(file);
    int unit = t.column("unit");
    int area = t.column("area_um2");
    List<AreaRecord> out = new ArrayList<>();
    for (CsvTable.Row r : t.rows()) {
      out.add(new AreaRecord(r.fields().get(unit).strip(), t.nonNegative(r, area)));
    }
    return out;
  }

  /**
   * A level text as the chart groups it: empty or {@code compute} is compute (empty), {@code sram*} is
   * SRAM, {@code dram*} is DRAM, {@code register*} or {@code rf} is register; anything else is kept.
   */
  public static String normaliseLevel(String level) {
    String l = level.strip();
    String derived = memoryLevelOf(l);
    return l.equalsIgnoreCase("compute") ? "" : derived.isEmpty() ? l : derived;
  }

  /**
   * The memory level of a unit when energy.csv has no memory_level column: {@code dram*} is DRAM,
   * {@code buffers.*}, {@code sram*} and {@code *_buffer} are SRAM, {@code register*} and {@code rf} are
   * the register file; anything else is a compute unit (empty level).
   */
  public static String memoryLevelOf(String unit) {
    String u = unit.toLowerCase(Locale.ROOT);
    if (u.startsWith("dram")) {
      return "DRAM";
    }
    if (u.startsWith("buffers.") || u.startsWith("sram") || u.endsWith("_buffer")) {
      return "SRAM";
    }
    if (u.startsWith("register") || u.equals("rf")) {
      return "register";
    }
    return "";
  }
}
