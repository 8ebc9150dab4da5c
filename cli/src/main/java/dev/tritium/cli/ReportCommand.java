package dev.tritium.cli;

import dev.tritium.cli.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tritium report DIR}: renders DIR's sweep results and design profile as DIR/report.html. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write DIR/report.html: one self-contained page (inline SVG and CSS, no network, no script) with "
        + "the Pareto scatter (latency vs energy, colour by area, or by weight format when the sweep varies it), a roofline of each layer type on the chosen "
        + "design, per-layer latency split into compute and memory-bound time, energy by unit and by memory level, "
        + "and the parameter table of the top designs.",
        "DIR is the --out directory of tritium dse (results.csv, pareto.csv, sweep.json) and/or a design profile "
            + "(design.json, layers.csv, energy.csv, area.csv); formats in cli/README.md. The chosen design is the "
            + "ok point best in the sweep's first objective; when DIR has no design.json, its profile is computed "
            + "(mapping + timing simulation + energy) and written to DIR first (--no-profile skips that)."})
public final class ReportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DIR", description = "directory with the sweep results and/or design profile")
  Path dir;

  @CommandLine.Option(names = "--no-profile", description = "do not profile a sweep's chosen design when DIR has no "
      + "design.json (by default it is mapped and simulated once, a few seconds, and its profile files written to DIR)")
  boolean noProfile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Path out = noProfile ? ReportWriter.write(dir)
        : ReportWriter.writeProfilingChosen(dir, spec.commandLine().getOut());
    spec.commandLine().getOut().println("wrote " + out);
    return 0;
  }
}
