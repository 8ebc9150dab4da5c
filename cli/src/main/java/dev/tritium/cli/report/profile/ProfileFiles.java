package dev.tritium.cli.report.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tritium.cli.report.model.DesignInfo;
import dev.tritium.cli.report.model.DesignProfile;
import dev.tritium.cli.report.model.LayerTiming;
import dev.tritium.cli.report.read.DesignReader;
import dev.tritium.mapper.report.ModelEnergyReport;
import dev.tritium.mapper.report.ReportFiles;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.simulator.config.ArchConfig;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a design profile into a report DIR: the mapper's energy.csv, area.csv and totals.json
 * ({@link ReportFiles}) plus the report's design.json and layers.csv. This is the one call a command
 * needs to make its output reportable: {@code ProfileFiles.write(dir, report, arch, unit, params, id)},
 * then {@code ReportWriter.write(dir)}.
 */
public final class ProfileFiles {

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ProfileFiles() {}

  /** Writes the five profile files; returns their paths. */
  public static List<Path> write(Path dir, ModelEnergyReport r, ArchConfig arch, ComputeUnit unit,
      Map<String, String> parameters, OptionalLong pointId) throws IOException {
    List<Path> written = new ArrayList<>(ReportFiles.write(r, dir));
    written.addAll(writeDesign(dir, EstimateProfile.of(r, arch, unit, parameters, pointId)));
    return written;
  }

  /** design.json and layers.csv of a profile (energy and area are the mapper's files). */
  public static List<Path> writeDesign(Path dir, DesignProfile p) throws IOException {
    Files.createDirectories(dir);
    DesignInfo info = p.info().orElseThrow(() -> new IllegalArgumentException("design " + p.name()
        + ": no design info (peaks) to write"));
    ObjectNode o = JSON.createObjectNode();
    o.put("design", info.name());
    if (info.pointId().isPresent()) {
      o.put("point_id", info.pointId().getAsLong());
    }
    o.put("workload", info.workload());
    o.put("clock_mhz", info.clockMhz());
    o.put("peak_compute_ops_per_s", info.peakOpsPerS());
    o.put("peak_dram_bandwidth_GBps", info.peakDramGBps());
    ObjectNode params = o.putObject("parameters");
    info.parameters().forEach(params::put);
    Path design = dir.resolve(DesignReader.DESIGN);
    Files.writeString(design, JSON.writeValueAsString(o) + "\n", StandardCharsets.UTF_8);
    Path layers = dir.resolve(DesignReader.LAYERS);
    try (Writer w = Files.newBufferedWriter(layers, StandardCharsets.UTF_8);
        CSVPrinter out = new CSVPrinter(w, CSV)) {
      out.printRecord("layer_type", "latency_ns", "compute_ns", "memory_bound_ns", "ops", "dram_bytes");
      for (LayerTiming l : p.layers()) {
        out.printRecord(l.layerType(), num(l.latencyNs()), num(l.computeNs()), num(l.memoryBoundNs()), num(l.ops()),
            num(l.dramBytes()));
      }
    }
    return List.of(design, layers);
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
