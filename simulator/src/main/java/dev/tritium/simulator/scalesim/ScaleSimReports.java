package dev.tritium.simulator.scalesim;

import dev.tritium.common.io.OutputFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes SCALE-Sim's {@code COMPUTE_REPORT.csv}, {@code BANDWIDTH_REPORT.csv} and
 * {@code DETAILED_ACCESS_REPORT.csv} byte for byte in its layout (", " separated, trailing comma, Python
 * number formatting), plus Tritium's
 * {@code NATIVE_VS_COMPATIBLE.csv} with unit-named columns.
 */
public final class ScaleSimReports {

  /** File names written into the output directory. */
  public static final String COMPUTE_REPORT = "COMPUTE_REPORT.csv";
  public static final String BANDWIDTH_REPORT = "BANDWIDTH_REPORT.csv";
  public static final String DETAILED_ACCESS_REPORT = "DETAILED_ACCESS_REPORT.csv";
  public static final String NATIVE_REPORT = "NATIVE_VS_COMPATIBLE.csv";

  static final List<String> COMPUTE_HEADER = List.of("LayerID", "Total Cycles", "Stall Cycles", "Overall Util %",
      "Mapping Efficiency %", "Compute Util %");
  static final List<String> BANDWIDTH_HEADER = List.of("LayerID", "Avg IFMAP SRAM BW", "Avg FILTER SRAM BW",
      "Avg OFMAP SRAM BW", "Avg IFMAP DRAM BW", "Avg FILTER DRAM BW", "Avg OFMAP DRAM BW");
  static final List<String> DETAILED_HEADER = List.of("LayerID",
      "SRAM IFMAP Start Cycle", "SRAM IFMAP Stop Cycle", "SRAM IFMAP Reads",
      "SRAM Filter Start Cycle", "SRAM Filter Stop Cycle", "SRAM Filter Reads",
      "SRAM OFMAP Start Cycle", "SRAM OFMAP Stop Cycle", "SRAM OFMAP Writes",
      "DRAM IFMAP Start Cycle", "DRAM IFMAP Stop Cycle", "DRAM IFMAP Reads",
      "DRAM Filter Start Cycle", "DRAM Filter Stop Cycle", "DRAM Filter Reads",
      "DRAM OFMAP Start Cycle", "DRAM OFMAP Stop Cycle", "DRAM OFMAP Writes");
  static final List<String> NATIVE_HEADER = List.of("layer_id", "layer_name", "dataflow", "array_rows",
      "array_cols", "folds", "scalesim_total_cycles", "native_total_cycles", "native_saved_cycles",
      "speedup_x", "scalesim_stall_cycles");

  // SCALE-Sim joins with ", " and ends each line with ","; no quoting (values never contain commas).
  private static final CSVFormat SCALESIM_CSV = CSVFormat.DEFAULT.builder()
      .setQuoteMode(QuoteMode.NONE)
      .setEscape('\\')
      .setTrailingDelimiter(true)
      .setRecordSeparator('\n')
      .build();

  private ScaleSimReports() {}

  /**
   * Writes the four reports into {@code dir} (created if needed), all or none. DETAILED_ACCESS_REPORT needs
   * reports with {@link ScaleSimLayerReport#access()} (those of {@link ScaleSimModel#run}).
   */
  public static void writeAll(Path dir, List<ScaleSimLayerReport> reports) throws IOException {
    Files.createDirectories(dir);
    Map<Path, byte[]> files = new LinkedHashMap<>();
    StringBuilder b = new StringBuilder();
    writeCompute(b, reports);
    files.put(dir.resolve(COMPUTE_REPORT), bytes(b));
    b = new StringBuilder();
    writeBandwidth(b, reports);
    files.put(dir.resolve(BANDWIDTH_REPORT), bytes(b));
    b = new StringBuilder();
    writeDetailedAccess(b, reports);
    files.put(dir.resolve(DETAILED_ACCESS_REPORT), bytes(b));
    b = new StringBuilder();
    writeNative(b, reports);
    files.put(dir.resolve(NATIVE_REPORT), bytes(b));
    OutputFiles.writeAll(files);
  }

  private static byte[] bytes(CharSequence s) {
    return s.toString().getBytes(StandardCharsets.UTF_8);
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
          PythonNumbers.repr(r.avgOfmapSramBw()), PythonNumbers.repr(r.scaleSimIfmapDramBw()),
          PythonNumbers.repr(r.scaleSimFilterDramBw()), PythonNumbers.repr(r.scaleSimOfmapDramBw()))));
    }
    p.flush();
  }

  static void writeDetailedAccess(Appendable out, List<ScaleSimLayerReport> reports) throws IOException {
    CSVPrinter p = new CSVPrinter(out, SCALESIM_CSV);
    p.printRecord(scalesimRow(DETAILED_HEADER));
    for (ScaleSimLayerReport r : reports) {
      ScaleSimAccess a = r.access().orElseThrow(() -> new IllegalArgumentException("layer " + r.layerId()
          + ": no memory-system results to write a detailed access report from"));
      // SCALE-Sim prints the cycles from float trace matrices ("9.0") and the counts as integers.
      p.printRecord(scalesimRow(List.of(PythonNumbers.str(r.layerId()),
          cycle(a.ifmapSramStartCycle()), cycle(a.ifmapSramStopCycle()), PythonNumbers.str(r.ifmapSramReads()),
          cycle(a.filterSramStartCycle()), cycle(a.filterSramStopCycle()), PythonNumbers.str(r.filterSramReads()),
          cycle(a.ofmapSramStartCycle()), cycle(a.ofmapSramStopCycle()), PythonNumbers.str(r.ofmapSramWrites()),
          cycle(a.ifmapDramStartCycle()), cycle(a.ifmapDramStopCycle()), PythonNumbers.str(a.ifmapDramReads()),
          cycle(a.filterDramStartCycle()), cycle(a.filterDramStopCycle()), PythonNumbers.str(a.filterDramReads()),
          cycle(a.ofmapDramStartCycle()), cycle(a.ofmapDramStopCycle()), PythonNumbers.str(a.ofmapDramWrites()))));
    }
    p.flush();
  }

  private static String cycle(long c) {
    return PythonNumbers.repr((double) c);
  }

  static void writeNative(Appendable out, List<ScaleSimLayerReport> reports) throws IOException {
    CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
        .setHeader(NATIVE_HEADER.toArray(String[]::new)).build());
    for (ScaleSimLayerReport r : reports) {
      p.printRecord(r.layerId(), r.layer().name(), r.mapping().dataflow().key(), r.mapping().rows(),
          r.mapping().cols(), r.mapping().folds(), r.totalCycles(), r.nativeTotalCycles(),
          r.stallFreeCycles() - r.nativeTotalCycles(),
          String.format(java.util.Locale.ROOT, "%.4f", r.nativeSpeedup()), r.stallCycles());
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
