package dev.tritium.cli.bench;

import dev.tritium.models.kernel.MemoryBandwidth;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tritium bench startup}: wall time of whole {@code ./tritium} processes, as a user meets them: the
 * launcher script, the JVM start, the class-data-sharing archive, the command. Medians of several runs.
 */
@Command(
    name = "startup",
    mixinStandardHelpOptions = true,
    description = "Median wall time of whole ./tritium processes: --version and a small scalesim layer.")
public final class BenchStartupCommand implements Callable<Integer> {

  @Option(names = "--reps", defaultValue = "7", description = "Timed runs per command (default: ${DEFAULT-VALUE}).")
  int reps;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (reps < 1) {
      throw new IllegalArgumentException("--reps must be >= 1, got " + reps);
    }
    Path home = Path.of(System.getProperty("tritium.home", "."));
    Path launcher = home.resolve("tritium");
    if (!Files.isExecutable(launcher)) {
      throw new IllegalArgumentException(launcher + ": not found; run bench startup through ./tritium");
    }
    Path dir = Files.createTempDirectory("tritium-startup");
    List<String> scalesim = new ArrayList<>(List.of(launcher.toString(), "scalesim"));
    scalesim.addAll(SmallScaleSimLayer.arguments(dir));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "start-up, whole ./tritium processes, median of %d after one untimed run:%n", reps);
    report(out, "--version", List.of(launcher.toString(), "--version"));
    report(out, "scalesim, one 1x2560x2560 layer", scalesim);
    return 0;
  }

  private void report(PrintWriter out, String what, List<String> cmd) throws IOException, InterruptedException {
    List<Double> ms = new ArrayList<>();
    for (int i = -1; i < reps; i++) {
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 120 s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " exited with " + p.exitValue());
      }
      if (i >= 0) {
        ms.add((System.nanoTime() - t0) / 1e6);
      }
    }
    out.printf(Locale.ROOT, "  %-34s %8.0f ms%n", what,
        MemoryBandwidth.median(ms.stream().mapToDouble(Double::doubleValue).toArray()));
    out.flush();
  }
}
