package dev.tritium.cli;

import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.registry.LayerMappers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tritium crosscheck}: reference engine vs the simulator's functional mode on compiled layers. */
@Command(name = "crosscheck", mixinStandardHelpOptions = true,
    description = "Run the reference engine and the simulator (functional mode) on the same seeded weights and"
        + " inputs for compiled layers; compare accumulators and outputs bit for bit, operation counts, DRAM bytes"
        + " and energy per action class. Prints a PASS/FAIL table per layer and unit; exit code 1 on any FAIL.")
public final class CrosscheckCommand implements Callable<Integer> {

  @Mixin MapCommand.LayerOptions options;

  @Option(names = "--layer", defaultValue = "all",
      description = "a layer name (see tritium map --help) or all = the seven BitLinear projections"
          + " (default: ${DEFAULT-VALUE})")
  String layer;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws java.io.IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (options.formatHelp(out)) {
      return 0;
    }
    List<String> layers = layer.equals("all") ? LayerMappers.projectionNames() : List.of(layer);
    List<String> failed = new ArrayList<>();
    int reports = 0;
    for (String name : layers) {
      for (CrossCheckReport r : LayerMappers.resolve(name).crosscheck(options.request(name))) {
        out.println(r.render());
        out.flush();
        reports++;
        if (!r.passed()) {
          failed.add(r.title());
        }
      }
    }
    out.println(failed.isEmpty() ? "crosscheck PASS: " + reports + " report(s)"
        : "crosscheck FAIL: " + failed.size() + " of " + reports + " report(s) failed");
    return failed.isEmpty() ? 0 : TritiumCommand.EXIT_CHECK_FAILED;
  }
}
