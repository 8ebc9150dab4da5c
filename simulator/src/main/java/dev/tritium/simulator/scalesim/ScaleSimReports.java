package dev.tritium.simulator.scalesim;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes SCALE-Sim's {@code COMPUTE_REPORT.csv} and {@code BANDWIDTH_REPORT.csv} byte for byte in its
 * layout (", " separated, trailing comma, Python number formatting), plus Tritium's
 * {@code NATIVE_VS_COMPATIBLE.csv} with unit-named columns.
 */
public final class ScaleSimReports {

  /** File names written into the output directory. */
  public static final String COMPUTE_REPORT = "COMPUTE_REPORT.csv";
  public static final String BANDWIDTH_REPORT = "BANDWIDTH_REPORT.csv";
  public static final String NATIVE_REPORT = "NATIVE_VS_COMPATIBLE.csv";

  static final List<String> COMPUTE_HEADER = List.of("LayerID", "Total Cycles", "Stall Cycles", "Overall Util %",
      "Mapping Efficiency %", "Compute Util %");
  static final List<String> BANDWIDTH_HEADER = List.of("LayerID", "Avg IFMAP SRAM BW", "Avg FILTER SRAM BW",
      "Avg OFMAP SRAM BW", "Avg IFMAP DRAM BW", "Avg FILTER DRAM BW", "Avg OFMAP DRAM BW");
  static final List<String> NATIVE_HEADER = List.of("layer_id", "layer_name", "dataflow", "array_rows",
      "array_cols", "folds", "scalesim_total_cycles", "native_total_cycles", "native_saved_cycles",
      "speedup_x");

  // SCALE-Sim joins with ", " and ends each line with ","; no quoting (values never contain commas).
  private static final CSVFormat SCALESIM_CSV = CSVFormat.DEFAULT.builder()
      .setQuoteMode(QuoteMode.NONE)
      .setEscape('\\')
      .setTrailingDelimiter(true)
      .setRecordSeparator('\n')
      .build();

  private ScaleSimReports() {}

  /** Writes all three reports into {@code dir} (created if needed). */
  public static void writeAll(Path dir, List<ScaleSimLayerReport> reports) throws IOException {
    Files.createDirectories(dir);
    try (Writer w = Files.newBufferedWriter(dir.resolve(COMPUTE_REPORT), StandardCharsets.UTF_8)) {
      writeCompute(w, reports);
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve(BANDWIDTH_REPORT), StandardCharsets.UTF_8)) {
      writeBandwidth(w, reports);
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve(NATIVE_REPORT), StandardCharsets.UTF_8)) {
      writeNative(w, reports);
    }
  }

  static void writeCompute(Appendable out, List<ScaleSimLayerReport> reports) throws IOException {
    CSVPrinter p = new CSVPrinter(out, SCALESIM_CSV);
    p.printRecord(scalesimRow(COMPUTE_HEADER));
    for (ScaleSimLayerReport r : reports) {
      p.printRecord(scalesimRow(List.of(PythonNumbers.str(r.layerId()), PythonNumbers.str(r.totalCycles()),
          PythonNumbers.str(r.stallCycles()), PythonNumbers.repr(r.overallUtilPercent()),
          PythonNumbers.repr(r.mappingEfficiencyPercent()), PythonNumbers.repr(r.computeUtilPercent()))));
    }
    p.flush();
  }

  static void writeBandwidth(Appendable out, List<ScaleSimLayerReport> reports) throws IOException {
    CSVPrinter p = new CSVPrinter(out, SCALESIM_CSV);
    p.printRecord(scalesimRow(BANDWIDTH_HEADER));
    for (ScaleSimLayerReport r : reports) {
      p.printRecord(scalesimRow(List.of(PythonNumbers.str(r.layerId()),
          PythonNumbers.repr(r.avgIfmapSramBw()), PythonNumbers.repr(r.avgFilterSramBw()),
          PythonNumbers.repr(r.avgOfmapSramBw()), PythonNumbers.repr(r.avgIfmapDramBw()),
          PythonNumbers.repr(r.avgFilterDramBw()), PythonNumbers.repr(r.avgOfmapDramBw()))));
    }
    p.flush();
  }

  static void writeNative(Appendable out, List<ScaleSimLayerReport> reports) throws IOException {
    CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
        .setHeader(NATIVE_HEADER.toArray(String[]::new)).build());
    for (ScaleSimLayerReport r : reports) {
      p.printRecord(r.layerId(), r.layer().name(), r.mapping().dataflow().key(), r.mapping().rows(),
          r.mapping().cols(), r.mapping().folds(), r.totalCycles(), r.nativeTotalCycles(),
          r.totalCycles() - r.nativeTotalCycles(), String.format(java.util.Locale.ROOT, "%.4f", r.nativeSpeedup()));
    }
    p.flush();
  }

  /** SCALE-Sim puts a space after each comma: the space belongs to every value but the first. */
  private static List<String> scalesimRow(List<String> values) {
    List<String> row = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      row.add(i == 0 ? values.get(i) : " " + values.get(i));
    }
    return row;
  }
}
