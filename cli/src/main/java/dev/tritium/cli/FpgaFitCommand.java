package dev.tritium.cli;

import dev.tritium.simulator.fit.FitEstimate;
import dev.tritium.simulator.fit.FpgaFit;
import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tritium fpga-fit}: LUT/FF/DSP/BRAM36/URAM estimate of a design on an FPGA part. */
@Command(
    name = "fpga-fit",
    mixinStandardHelpOptions = true,
    header = "Estimate FPGA resources (LUT, FF, DSP, BRAM36, URAM) of an arch on a part.",
    description = {
        "Estimate LUT, FF, DSP, BRAM36 and URAM of an arch on an FPGA part from per-unit cost models",
        "(fpga/README.md), report utilization, flag what does not fit and suggest the largest MAC array that fits."})
public final class FpgaFitCommand implements Callable<Integer> {

  @Option(names = "--arch", paramLabel = "NAME|FILE", defaultValue = ArchConfigs.DEFAULT_PRESET,
      description = "Arch preset name or YAML file (default: ${DEFAULT-VALUE}).")
  String arch;

  @Option(names = "--part", required = true, paramLabel = "kv260|zcu104|u280", description = "FPGA part.")
  String part;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    FpgaPart p = FpgaPart.byName(part);
    ArchConfig config = ArchConfigs.resolve(arch);
    FitEstimate e = FpgaFit.estimate(config, p);
    java.io.PrintWriter out = spec.commandLine().getOut();
    out.print(FpgaFit.render(e, FpgaFit.largestArray(config, p)));
    out.flush();
    return 0;
  }
}
