package dev.tritium.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tritium} command: one entry point, a subcommand per job. */
@Command(
    name = "tritium",
    mixinStandardHelpOptions = true,
    version = "tritium 0.1.0",
    description = "Co-design kit for ternary (BitNet b1.58) LLM accelerators.",
    subcommands = {CommandLine.HelpCommand.class})
public final class TritiumCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Builds the command line with the project's error handling, so tests can run it in-process. */
  public static CommandLine commandLine() {
    return new CommandLine(new TritiumCommand());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
