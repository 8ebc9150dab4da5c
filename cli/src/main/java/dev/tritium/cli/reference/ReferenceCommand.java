package dev.tritium.cli.reference;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tritium reference ...}: runs the software reference engine (the numerics every other part is checked against). */
@Command(
    name = "reference",
    mixinStandardHelpOptions = true,
    description = "Run the BitNet b1.58 software reference engine.",
    subcommands = {CommandLine.HelpCommand.class, ReferenceBitLinearCommand.class, ReferenceGenerateCommand.class})
public final class ReferenceCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
