package dev.tritium.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tritium} command: one entry point, a subcommand per job.
 *
 * <p>Exit codes: 0 success, 1 a check ran and FAILED, 2 bad user input (flags, files, configs),
 * 70 an internal error (a bug: the stack trace is printed).
 */
@Command(
    name = "tritium",
    mixinStandardHelpOptions = true,
    version = "tritium 0.1.0",
    description = "Co-design kit for ternary (BitNet b1.58) LLM accelerators.",
    subcommands = {CommandLine.HelpCommand.class, dev.tritium.cli.reference.ReferenceCommand.class, dev.tritium.cli.bench.BenchCommand.class, ScaleSimCommand.class, SimulateCommand.class, IsaCommand.class, EstimateCommand.class, CompareCommand.class, MapCommand.class, CrosscheckCommand.class, ExportHlsCommand.class, FpgaFitCommand.class, DseCommand.class, ReportCommand.class})
public final class TritiumCommand implements Runnable {

  /** A check ran and failed. */
  public static final int EXIT_CHECK_FAILED = 1;
  /** Bad input: flags, files or configs. */
  public static final int EXIT_USER_ERROR = 2;
  /** A bug. */
  public static final int EXIT_INTERNAL_ERROR = 70;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * Builds the command line with the project's error handling, so tests can run it in-process. User
   * mistakes surface as {@link IllegalArgumentException} or I/O exceptions whose message names the
   * file, field and expectation: those print one line, no stack trace.
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new TritiumCommand());
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (isUserError(ex)) {
        commandLine.getErr().println("tritium: error: " + ex.getMessage());
        return EXIT_USER_ERROR;
      }
      commandLine.getErr().println("tritium: internal error (please report):");
      ex.printStackTrace(commandLine.getErr());
      return EXIT_INTERNAL_ERROR;
    });
    return cl;
  }

  static boolean isUserError(Throwable ex) {
    return ex instanceof IllegalArgumentException
        || ex instanceof IOException
        || ex instanceof UncheckedIOException;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.err));
  }

  /**
   * Runs the command line; the JVM errors that only an oversized or pathological input provokes become exit 2
   * with one line (never a stack trace, never exit 1, which means a check FAILED).
   */
  static int run(String[] args, java.io.PrintStream err) {
    try {
      return commandLine().execute(args);
    } catch (OutOfMemoryError e) {
      err.println("tritium: error: out of memory: the input needs more than this JVM's heap ("
          + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB); use a smaller input or raise the heap with "
          + "TRITIUM_JAVA_OPTS=-Xmx<size>");
      return EXIT_USER_ERROR;
    } catch (StackOverflowError e) {
      err.println("tritium: error: the input is nested too deeply to process (stack overflow)");
      return EXIT_USER_ERROR;
    }
  }
}
