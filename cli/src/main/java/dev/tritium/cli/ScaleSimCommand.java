package dev.tritium.cli;

import dev.tritium.simulator.scalesim.PythonSum;
import dev.tritium.simulator.scalesim.ScaleSimConfig;
import dev.tritium.simulator.scalesim.ScaleSimConfigParser;
import dev.tritium.simulator.scalesim.ScaleSimLayer;
import dev.tritium.simulator.scalesim.ScaleSimLayerReport;
import dev.tritium.simulator.scalesim.ScaleSimModel;
import dev.tritium.simulator.scalesim.ScaleSimReports;
import dev.tritium.simulator.scalesim.ScaleSimTopology;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tritium scalesim}: SCALE-Sim v2 inputs in, SCALE-Sim reports out, plus Tritium's native schedule. */
@Command(
    name = "scalesim",
    mixinStandardHelpOptions = true,
    description = {
        "Run a SCALE-Sim v2 config and topology in SCALE-Sim-compatible mode (closed forms and an event model of",
        "its memory system, milliseconds), InterfaceBandwidth CALC or USER. Writes COMPUTE_REPORT.csv,",
        "BANDWIDTH_REPORT.csv and DETAILED_ACCESS_REPORT.csv in SCALE-Sim's format and NATIVE_VS_COMPATIBLE.csv,",
        "and prints SCALE-Sim's fold-serialised cycles next to Tritium's native (double-buffered) schedule."})
public final class ScaleSimCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "X.cfg", description = "SCALE-Sim v2 .cfg file.")
  Path config;

  @Option(names = "--topology", paramLabel = "T.csv",
      description = "Topology CSV (conv or GEMM M,N,K). Default: [network_presets] TopologyCsvLoc of the config.")
  Path topology;

  @Option(names = "--topology-format", paramLabel = "auto|conv|gemm", defaultValue = "auto",
      description = "Column layout of the topology; auto decides from the header line (default: ${DEFAULT-VALUE}).")
  String topologyFormat;

  @Option(names = "--python-sum", paramLabel = "compensated|sequential", defaultValue = "compensated",
      description = {"Float summation of SCALE-Sim's per-fold averages: compensated = CPython >= 3.12 (default),",
          "sequential = CPython <= 3.11 (SCALE-Sim v2.0 release goldens). Only the last digit can differ."})
  String pythonSum;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the reports.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    ScaleSimConfig cfg = ScaleSimConfigParser.load(requireFile(config, "--config"));
    Path topo = topology;
    if (topo == null) {
      topo = cfg.topologyCsv().map(Path::of).orElseThrow(() -> new IllegalArgumentException(
          config + ": no --topology given and no [network_presets] TopologyCsvLoc in the config"));
    }
    ScaleSimTopology.Format format = switch (topologyFormat.toLowerCase(Locale.ROOT)) {
      case "auto" -> ScaleSimTopology.Format.AUTO;
      case "conv" -> ScaleSimTopology.Format.CONV;
      case "gemm" -> ScaleSimTopology.Format.GEMM;
      default -> throw new IllegalArgumentException("--topology-format: expected auto, conv or gemm, got '"
          + topologyFormat + "'");
    };
    PythonSum sum = switch (pythonSum.toLowerCase(Locale.ROOT)) {
      case "compensated" -> PythonSum.COMPENSATED;
      case "sequential" -> PythonSum.SEQUENTIAL;
      default -> throw new IllegalArgumentException("--python-sum: expected compensated or sequential, got '"
          + pythonSum + "'");
    };
    List<ScaleSimLayer> layers = ScaleSimTopology.load(requireFile(topo, "--topology"), format);
    long start = System.nanoTime();
    List<ScaleSimLayerReport> reports;
    try {
      reports = ScaleSimModel.run(cfg, layers, sum);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(topo + ": " + e.getMessage(), e);
    }
    double ms = (System.nanoTime() - start) / 1e6;
    ScaleSimReports.writeAll(out, reports);
    print(cfg, reports, ms);
    return 0;
  }

  private static Path requireFile(Path p, String option) {
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(option + ": no such file: " + p);
    }
    return p;
  }

  private void print(ScaleSimConfig cfg, List<ScaleSimLayerReport> reports, double ms) {
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "run %s: %dx%d array, dataflow %s, %d layer(s), computed in %.3f ms%n", cfg.runName(),
        cfg.arrayHeight(), cfg.arrayWidth(), cfg.dataflow().key(), reports.size(), ms);
    if (cfg.bandwidthMode() == ScaleSimConfig.BandwidthMode.USER) {
      w.printf(Locale.ROOT, "InterfaceBandwidth USER: %d words per DRAM request line (Bandwidth[0]); "
          + "scalesim_cycles include SCALE-Sim's stall cycles; native_cycles and speedup (of the schedule alone, "
          + "stalls left out) assume memory keeps up.%n",
          cfg.bandwidthsWordsPerCycle().get(0));
    }
    String fmt = "%-5s %-24s %10s %18s %16s %16s %9s %10s %10s %10s%n";
    w.printf(Locale.ROOT, fmt, "layer", "name", "folds", "scalesim_cycles", "scalesim_stalls", "native_cycles",
        "speedup", "util_%", "mapping_%", "compute_%");
    long compat = 0;
    long stalls = 0;
    long nativeTotal = 0;
    for (ScaleSimLayerReport r : reports) {
      w.printf(Locale.ROOT, fmt, r.layerId(), r.layer().name(), r.mapping().folds(), r.totalCycles(),
          r.stallCycles(), r.nativeTotalCycles(), String.format(Locale.ROOT, "%.3fx", r.nativeSpeedup()),
          String.format(Locale.ROOT, "%.2f", r.overallUtilPercent()),
          String.format(Locale.ROOT, "%.2f", r.mappingEfficiencyPercent()),
          String.format(Locale.ROOT, "%.2f", r.computeUtilPercent()));
      compat += r.totalCycles() + 1;
      stalls += r.stallCycles();
      nativeTotal += r.nativeTotalCycles() + 1;
    }
    w.printf(Locale.ROOT, fmt, "total", "(cycle counts)", "", compat, stalls, nativeTotal,
        String.format(Locale.ROOT, "%.3fx", (double) (compat - stalls) / nativeTotal), "", "", "");
    w.println("wrote " + out.resolve(ScaleSimReports.COMPUTE_REPORT) + ", " + ScaleSimReports.BANDWIDTH_REPORT
        + ", " + ScaleSimReports.DETAILED_ACCESS_REPORT + ", " + ScaleSimReports.NATIVE_REPORT);
    w.println("note: the SCALE-Sim reports reproduce SCALE-Sim v2 (commit 22f88b1), its DRAM model included: "
        + "DRAM start cycles are negative (the first fill is free) and re-reads are counted; native_cycles is "
        + "Tritium's own schedule (see simulator/README.md).");
  }
}
