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
  public static final String TOTALS = "totals.json";

  /** compute_ns + memory_bound_ns may exceed latency_ns by this relative rounding slack. */
  static final double SUM_SLACK = 1e-6;

  private DesignReader() {}

  /**
   * The profile in {@code dir}, or empty when it has none of design.json, layers.csv and energy.csv. A
   * missing part adds a note saying which sections it leaves empty.
   */
  public static Optional<DesignProfile> read(Path dir, List<String> notes) throws IOException {
    Path design = dir.resolve(DESIGN);
    Path layers = dir.resolve(LAYERS);
    Path energy = dir.resolve(ENERGY);
    boolean hasDesign = Files.isRegularFile(design);
    boolean hasLayers = Files.isRegularFile(layers);
    boolean hasEnergy = Files.isRegularFile(energy);
    if (!hasDesign && !hasLayers && !hasEnergy) {
      return Optional.empty();
    }
    Optional<DesignInfo> info = hasDesign ? Optional.of(info(design)) : Optional.empty();
    if (!hasDesign) {
      notes.add(design + " is missing: no roofline (it needs the design's peak compute and bandwidth).");
    }
    List<LayerTiming> timing = hasLayers ? layers(layers) : List.of();
    if (!hasLayers) {
      notes.add(layers + " is missing: no roofline and no per-layer latency.");
    }
    List<EnergyRecord> energyRows = hasEnergy ? energy(energy) : List.of();
    if (!hasEnergy) {
      notes.add(energy + " is missing: no energy breakdown.");
    }
    Path area = dir.resolve(AREA);
    List<AreaRecord> areaRows = Files.isRegularFile(area) ? area(area) : List.of();
    String name = info.map(DesignInfo::name).orElseGet(() -> nameFromTotals(dir));
    return Optional.of(new DesignProfile(name, info, timing, energyRows, areaRows));
  }

  /** "arch (model phase)" from totals.json (written by tritium estimate --report), else the DIR's name. */
  static String nameFromTotals(Path dir) {
    Path totals = dir.resolve(TOTALS);
    if (Files.isRegularFile(totals)) {
      try {
        JsonFields t = JsonFields.read(totals);
        return t.optionalText("arch", "design") + " (" + t.optionalText("model", "?") + " "
            + t.optionalText("phase", "?") + ")";
      } catch (IOException | IllegalArgumentException e) {
        // Only a name is taken from it; a bad totals.json does not stop the report.
      }
    }
    return String.valueOf(dir.toAbsolutePath().normalize().getFileName());
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
    // energy_pJ (this format) or total_pJ (the mapper's energy.csv of tritium estimate --report).
    int energy = t.optionalColumn("energy_pJ").orElseGet(() -> t.optionalColumn("total_pJ").orElseGet(
        () -> t.column("energy_pJ")));
    OptionalInt layer = t.optionalColumn("layer");
    OptionalInt action = t.optionalColumn("action_class");
    if (action.isEmpty()) {
      action = t.optionalColumn("action");
    }
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
    int area = t.optionalColumn("area_um2").orElseGet(() -> t.optionalColumn("total_um2").orElseGet(
        () -> t.column("area_um2")));
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
