package dev.tritium.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tritium bench ...}: quick performance summaries (medians after warm-up); JMH lives in bench/. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure performance and print medians after warm-up.",
    subcommands = {CommandLine.HelpCommand.class, BenchReferenceCommand.class, BenchSimulatorCommand.class, BenchDseCommand.class,
        BenchStartupCommand.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
