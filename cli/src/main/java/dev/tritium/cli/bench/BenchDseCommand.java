package dev.tritium.cli.bench;

import dev.tritium.dse.eval.MapperEvaluatorFactory;
import dev.tritium.dse.run.SweepThroughput;
import dev.tritium.dse.sweep.SweepFiles;
import dev.tritium.dse.sweep.SweepSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tritium bench dse}: design points per minute of the local executor on a sweep (default: the
 * 648-point examples/sweep-edge-mac.yaml, 2B-4T decode token at context 1024), and the median per-point cost.
 * Each repetition starts from empty caches, as a new sweep does; by default each repetition also runs the
 * baseline without the shared layer-group cache (before/after). The JMH version is
 * {@code dev.tritium.bench.DseSweepBenchmark}.
 */
@Command(
    name = "dse",
    mixinStandardHelpOptions = true,
    description = "Time design-space sweep evaluation (mapping + timing-only simulation per point) with the local "
        + "executor: points per minute and the median per-point cost, from empty caches each repetition, with and "
        + "without the shared layer-group cache.")
public final class BenchDseCommand implements Callable<Integer> {

  @Option(names = "--sweep", paramLabel = "FILE",
      description = "Sweep file (default: examples/sweep-edge-mac.yaml under the Tritium home).")
  Path sweep;

  @Option(names = "--threads", description = "Worker threads (default: available processors).")
  Integer threads;

  @Option(names = "--points", defaultValue = "648", description = "Points per repetition, from id 0 (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(names = "--reps", defaultValue = "3", description = "Timed repetitions (default: ${DEFAULT-VALUE}).")
  int reps;

  @Option(names = "--warmup-points", defaultValue = "40",
      description = "Points evaluated once, untimed, to warm up the JIT (default: ${DEFAULT-VALUE}).")
  int warmupPoints;

  @Option(names = "--no-baseline",
      description = "Skip the baseline runs without the shared layer-group cache (default: both, interleaved).")
  boolean noBaseline;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (points < 1 || reps < 1 || warmupPoints < 0 || (threads != null && threads < 1)) {
      throw new IllegalArgumentException("--points, --reps and --threads must be >= 1, --warmup-points >= 0");
    }
    Path file = sweep != null ? sweep
        : Path.of(System.getProperty("tritium.home", "."), "examples", "sweep-edge-mac.yaml");
    SweepSpec s = SweepFiles.load(file);
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    MapperEvaluatorFactory shared = new MapperEvaluatorFactory(true);
    MapperEvaluatorFactory alone = new MapperEvaluatorFactory(false);
    if (warmupPoints > 0) {
      SweepThroughput.measure(s, shared, t, warmupPoints);
    }
    double loadBefore = loadAverage();
    // Interleaved so both see the same machine load (the machine is shared with other builds).
    SweepThroughput.Result[] after = new SweepThroughput.Result[reps];
    SweepThroughput.Result[] before = new SweepThroughput.Result[noBaseline ? 0 : reps];
    for (int i = 0; i < reps; i++) {
      if (!noBaseline) {
        before[i] = SweepThroughput.measure(s, alone, t, points);
      }
      after[i] = SweepThroughput.measure(s, shared, t, points);
    }
    double loadAfter = loadAverage();
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "dse sweep %s (%s, %s %s, context %d): %d points x %d reps, %d threads, empty caches each rep%n",
        s.name(), file.getFileName(), s.workload().model(), s.workload().phase().key(), s.workload().context(),
        after[0].points(), reps, t);
    w.printf(Locale.ROOT, "  load average (1 min): %.2f before, %.2f after the timed runs%n", loadBefore, loadAfter);
    SweepThroughput.Result medBefore = noBaseline ? null : print(w, "without shared layer groups", before);
    SweepThroughput.Result med = print(w, "with shared layer groups   ", after);
    if (medBefore != null) {
      w.printf(Locale.ROOT, "  speed-up of the shared layer-group cache: %.2fx points per minute (medians)%n",
          med.pointsPerMinute() / medBefore.pointsPerMinute());
    }
    w.printf(Locale.ROOT, "  target >= 1000 points/min: %s%n", med.pointsPerMinute() >= 1000 ? "met" : "NOT met");
    return 0;
  }

  /** Prints one configuration's medians; returns its median repetition. */
  private static SweepThroughput.Result print(PrintWriter w, String label, SweepThroughput.Result[] runs) {
    SweepThroughput.Result[] r = runs.clone();
    java.util.Arrays.sort(r, java.util.Comparator.comparingDouble(SweepThroughput.Result::pointsPerMinute));
    SweepThroughput.Result med = r[r.length / 2];
    w.printf(Locale.ROOT, "  %s: points per minute median %.0f (min %.0f, max %.0f); per-point cost on its thread"
        + " median %.1f ms, p90 %.1f ms%n", label, med.pointsPerMinute(), r[0].pointsPerMinute(),
        r[r.length - 1].pointsPerMinute(), med.medianPointMs(), med.p90PointMs());
    return med;
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
