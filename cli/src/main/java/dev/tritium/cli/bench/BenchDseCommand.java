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
 * 648-point examples/sweep-edge.yaml, 2B-4T decode token at context 1024), and the median per-point cost.
 * Each repetition starts from an empty cache, as a new sweep does. The JMH version is
 * {@code dev.tritium.bench.DseSweepBenchmark}.
 */
@Command(
    name = "dse",
    mixinStandardHelpOptions = true,
    description = "Time design-space sweep evaluation (mapping + timing-only simulation per point) with the local "
        + "executor: points per minute and the median per-point cost, from an empty cache each repetition.")
public final class BenchDseCommand implements Callable<Integer> {

  @Option(names = "--sweep", paramLabel = "FILE",
      description = "Sweep file (default: examples/sweep-edge.yaml under the Tritium home).")
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

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (points < 1 || reps < 1 || warmupPoints < 0 || (threads != null && threads < 1)) {
      throw new IllegalArgumentException("--points, --reps and --threads must be >= 1, --warmup-points >= 0");
    }
    Path file = sweep != null ? sweep
        : Path.of(System.getProperty("tritium.home", "."), "examples", "sweep-edge.yaml");
    SweepSpec s = SweepFiles.load(file);
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    MapperEvaluatorFactory factory = new MapperEvaluatorFactory();
    if (warmupPoints > 0) {
      SweepThroughput.measure(s, factory, t, warmupPoints);
    }
    SweepThroughput.Result[] r = new SweepThroughput.Result[reps];
    for (int i = 0; i < reps; i++) {
      r[i] = SweepThroughput.measure(s, factory, t, points);
    }
    java.util.Arrays.sort(r, java.util.Comparator.comparingDouble(SweepThroughput.Result::pointsPerMinute));
    SweepThroughput.Result med = r[reps / 2];
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "dse sweep %s (%s, %s %s, context %d): %d points x %d reps, %d threads, empty cache each rep%n",
        s.name(), file.getFileName(), s.workload().model(), s.workload().phase().key(), s.workload().context(),
        med.points(), reps, t);
    w.printf(Locale.ROOT, "  points per minute: median %.0f (min %.0f, max %.0f)%n", med.pointsPerMinute(),
        r[0].pointsPerMinute(), r[reps - 1].pointsPerMinute());
    w.printf(Locale.ROOT, "  per-point cost on its thread: median %.1f ms, p90 %.1f ms%n", med.medianPointMs(),
        med.p90PointMs());
    w.printf(Locale.ROOT, "  target >= 1000 points/min: %s%n", med.pointsPerMinute() >= 1000 ? "met" : "NOT met");
    return 0;
  }
}
