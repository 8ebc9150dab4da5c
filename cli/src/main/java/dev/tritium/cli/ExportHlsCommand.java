package dev.tritium.cli;

import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.fpga.hls.ExportLayer;
import dev.tritium.fpga.hls.ExportRequest;
import dev.tritium.fpga.hls.HlsExporter;
import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelConfigs;
import dev.tritium.simulator.config.ArchConfigs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tritium export-hls}: HLS-ready C, testbench and golden data for one layer of a design. */
@Command(
    name = "export-hls",
    mixinStandardHelpOptions = true,
    header = "Export one layer of a design as HLS-ready C99 with a gcc-checked testbench.",
    description = {
        "Export one layer of a design as HLS-ready C99 for Vitis HLS: kernel.c/kernel.h (sizes and parallelism",
        "from the arch config), tb.c with golden data from the Java reference engine, a Makefile whose csim",
        "target builds with gcc and compares bit for bit, run_hls.tcl and a README. See fpga/README.md."})
public final class ExportHlsCommand implements Callable<Integer> {

  @Option(names = "--arch", paramLabel = "NAME|FILE", defaultValue = ArchConfigs.DEFAULT_PRESET,
      description = "Arch preset name or YAML file (default: ${DEFAULT-VALUE}).")
  String arch;

  @Option(names = "--model", paramLabel = "NAME|FILE", defaultValue = "bitnet-b1.58-2b-4t",
      description = "Model preset, config.json or .gguf (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--layer", required = true, paramLabel = "LAYER",
      description = "q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj, or decoder (the FFN block).")
  String layer;

  @Option(names = "--unit", paramLabel = "mac|lut",
      description = "Compute unit: the ternary MAC array or the LUT core (default: the mapper's choice).")
  String unit;

  @Option(names = "--packing", paramLabel = "NAME",
      description = "Weight layout for the MAC array: 2bit or base3 (default: the mapper's choice). The LUT core "
          + "reads its own layout.")
  String packing;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of inputs and weights (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scale-down", paramLabel = "F", defaultValue = "1",
      description = "Divide every model dimension by F for a quick csim (default: ${DEFAULT-VALUE}).")
  int scaleDown;

  @Option(names = "--tokens", paramLabel = "M", defaultValue = "2",
      description = "Tokens per call (default: ${DEFAULT-VALUE}).")
  int tokens;

  @Option(names = "--part", paramLabel = "kv260|zcu104|u280", defaultValue = "kv260",
      description = "FPGA part for run_hls.tcl (default: ${DEFAULT-VALUE}).")
  String part;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--csim", description = "Also run `make csim` in DIR (needs gcc and make); exit 1 on FAIL.")
  boolean csim;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter o = spec.commandLine().getOut();
    ExportRequest request = new ExportRequest(ArchConfigs.resolve(arch), ModelConfigs.resolve(model),
        ExportLayer.parse(layer), unit == null ? null : parseUnit(unit), packing == null ? null : parsePacking(packing), seed, scaleDown, tokens,
        FpgaPart.byName(part));
    HlsExporter.ExportResult r = HlsExporter.export(request, out);
    o.println("exported " + r.description());
    o.println("  datapath " + r.plan().summary());
    o.println("  " + r.files().size() + " files in " + r.directory());
    if (!csim) {
      o.println("  run: make -C " + r.directory() + " csim");
      return 0;
    }
    Process p;
    try {
      p = new ProcessBuilder("make", "-C", r.directory().toString(), "csim").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("--csim: cannot run make (" + e.getMessage() + "); install gcc and make", e);
    }
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    o.print(text);
    o.flush();
    return p.waitFor() == 0 ? 0 : TritiumCommand.EXIT_CHECK_FAILED;
  }

  static ComputeUnit parseUnit(String s) {
    for (ComputeUnit u : ComputeUnit.values()) {
      if (u.name().equalsIgnoreCase(s)) {
        return u;
      }
    }
    throw new IllegalArgumentException("--unit '" + s + "': expected mac or lut");
  }

  static Packing parsePacking(String s) {
    for (Packing p : Packing.values()) {
      if (p.modelsName().equals(s.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("--packing '" + s + "': expected one of "
        + Arrays.stream(Packing.values()).map(Packing::modelsName).collect(Collectors.joining(", ")));
  }
}
