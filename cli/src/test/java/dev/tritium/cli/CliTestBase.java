package dev.tritium.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code tritium} in-process with captured stdout and stderr; a fresh capture per test instance. */
public abstract class CliTestBase {

  protected final StringWriter out = new StringWriter();
  protected final StringWriter err = new StringWriter();

  /** Executes the command line and returns its exit code; output accumulates in {@link #out} and {@link #err}. */
  protected int run(String... args) {
    CommandLine cl = TritiumCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }
}
