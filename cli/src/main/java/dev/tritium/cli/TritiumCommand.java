package dev.tritium.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
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
    version = TritiumCommand.VERSION,
    description = "Co-design kit for ternary (BitNet b1.58) LLM accelerators.")
public final class TritiumCommand implements Runnable {

  /** What {@code --version} prints. */
  public static final String VERSION = "tritium 0.1.0";

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
   * The subcommands, in the order the usage lists them. Suppliers, not instances: building a subcommand's
   * picocli model costs reflection over its options, so a command line names only what it runs.
   */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("help", CommandLine.HelpCommand::new);
    m.put("reference", dev.tritium.cli.reference.ReferenceCommand::new);
    m.put("bench", dev.tritium.cli.bench.BenchCommand::new);
    m.put("scalesim", ScaleSimCommand::new);
    m.put("simulate", SimulateCommand::new);
    m.put("isa", IsaCommand::new);
    m.put("estimate", EstimateCommand::new);
    m.put("compare", CompareCommand::new);
    m.put("map", MapCommand::new);
    m.put("crosscheck", CrosscheckCommand::new);
    m.put("export-hls", ExportHlsCommand::new);
    m.put("fpga-fit", FpgaFitCommand::new);
    m.put("validate", ValidateCommand::new);
    m.put("dse", DseCommand::new);
    m.put("report", ReportCommand::new);
    m.put("cds-training", CdsTrainingCommand::new);
    return m;
  }

  /** The whole command line (every subcommand), with the project's error handling; tests run it in-process. */
  public static CommandLine commandLine() {
    return commandLine(null);
  }

  /**
   * The command line for {@code args}: only the named subcommand when {@code args[0]} names one, none for
   * {@code --version}, every one otherwise (usage, {@code help}, and suggestions for a mistyped name need them).
   * User mistakes surface as {@link IllegalArgumentException} or I/O exceptions whose message names the file,
   * field and expectation: those print one line, no stack trace.
   */
  public static CommandLine commandLine(String[] args) {
    CommandLine cl = new CommandLine(new TritiumCommand());
    String first = args == null || args.length == 0 ? null : args[0];
    if (first != null && SUBCOMMANDS.containsKey(first) && !first.equals("help")) {
      cl.addSubcommand(first, SUBCOMMANDS.get(first).get());
    } else if (!(args != null && args.length == 1 && (first.equals("--version") || first.equals("-V")))) {
      SUBCOMMANDS.forEach((name, make) -> cl.addSubcommand(name, make.get()));
    }
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (isUserError(ex)) {
        commandLine.getErr().println("tritium: error: " + userMessage(ex));
        return EXIT_USER_ERROR;
      }
      commandLine.getErr().println("tritium: internal error (please report):");
      ex.printStackTrace(commandLine.getErr());
      return EXIT_INTERNAL_ERROR;
    });
    return cl;
  }

  /**
   * The one-line message of a user error. The JDK's file-system exceptions carry only a path as their message;
   * say what is wrong with it.
   */
  static String userMessage(Throwable ex) {
    String path = ex.getMessage();
    if (ex instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
      path = f.getFile();
    }
    if (ex instanceof java.nio.file.FileAlreadyExistsException) {
      return path + ": exists and is not a directory (expected a directory, or a path that does not exist yet)";
    }
    if (ex instanceof java.nio.file.NoSuchFileException) {
      return path + ": no such file or directory";
    }
    if (ex instanceof java.nio.file.NotDirectoryException) {
      return path + ": is not a directory";
    }
    if (ex instanceof java.nio.file.AccessDeniedException) {
      return path + ": permission denied";
    }
    if (ex instanceof java.nio.file.DirectoryNotEmptyException) {
      return path + ": directory not empty";
    }
    return ex.getMessage();
  }

  static boolean isUserError(Throwable ex) {
    return ex instanceof IllegalArgumentException
        || ex instanceof IOException
        || ex instanceof UncheckedIOException;
  }

  public static void main(String[] args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // The version needs no command-line model: answer before picocli loads its ~200 classes.
      System.out.println(VERSION);
      System.exit(0);
    }
    System.exit(run(args, System.err));
  }

  /**
   * Runs the command line; the JVM errors that only an oversized or pathological input provokes become exit 2
   * with one line (never a stack trace, never exit 1, which means a check FAILED).
   */
  static int run(String[] args, java.io.PrintStream err) {
    try {
      return commandLine(args).execute(args);
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
