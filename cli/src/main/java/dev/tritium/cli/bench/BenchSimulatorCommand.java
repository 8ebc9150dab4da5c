package dev.tritium.cli.bench;

import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.simulator.scalesim.ScaleSimLayer;
import dev.tritium.simulator.scalesim.ScaleSimLayerReport;
import dev.tritium.simulator.scalesim.ScaleSimModel;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tritium bench simulator}: wall time of the SCALE-Sim-compatible mode on the 2B-4T FFN up
 * projection (M=1, K=2560, N=6912) on a 128x128 WS array, and simulated cycles per wall second.
 * The JMH version is {@code dev.tritium.bench.ScaleSimBenchmark}.
 */
@Command(
    name = "simulator",
    mixinStandardHelpOptions = true,
    description = {"Time the SCALE-Sim-compatible mode on 1x2560x6912 (M x K x N) on a 128x128 WS array;",
        "prints the median over repetitions and simulated cycles per wall second."})
public final class BenchSimulatorCommand implements Callable<Integer> {

  @Option(names = "--repetitions", defaultValue = "21", description = "Timed repetitions (default: ${DEFAULT-VALUE}).")
  int repetitions;

  @Option(names = "--calls-per-repetition", defaultValue = "2000",
      description = "Layer evaluations per repetition, to time sub-millisecond calls (default: ${DEFAULT-VALUE}).")
  int callsPerRepetition;

  @Option(names = "--warmup-repetitions", defaultValue = "5", description = "Untimed warm-up repetitions (default: ${DEFAULT-VALUE}).")
  int warmup;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The benchmark layer: one decode token through the 2B-4T FFN up projection. */
  public static final ScaleSimLayer LAYER = ScaleSimLayer.gemm("ffn_up", 1, 6912, 2560);

  @Override
  public Integer call() {
    if (repetitions < 1 || callsPerRepetition < 1 || warmup < 0) {
      throw new IllegalArgumentException("--repetitions and --calls-per-repetition must be >= 1, "
          + "--warmup-repetitions >= 0");
    }
    long sink = 0;
    for (int i = 0; i < warmup; i++) {
      sink += timeBatch();
    }
    double[] nsPerCall = new double[repetitions];
    long cycles = 0;
    for (int i = 0; i < repetitions; i++) {
      long t0 = System.nanoTime();
      cycles = timeBatch();
      nsPerCall[i] = (System.nanoTime() - t0) / (double) callsPerRepetition;
      sink += cycles;
    }
    Arrays.sort(nsPerCall);
    double median = nsPerCall[repetitions / 2];
    ScaleSimLayerReport r = ScaleSimModel.layer(0, LAYER, 128, 128, Dataflow.WS);
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "SCALE-Sim-compatible mode, M=1 K=2560 N=6912 on 128x128 ws (%d reps x %d calls):%n",
        repetitions, callsPerRepetition);
    w.printf(Locale.ROOT, "  wall time per layer: median %.3f us (min %.3f, max %.3f) = %.6f ms%n",
        median / 1e3, nsPerCall[0] / 1e3, nsPerCall[repetitions - 1] / 1e3, median / 1e6);
    w.printf(Locale.ROOT, "  simulated cycles: %d (SCALE-Sim), %d (native)%n", r.totalCycles(), r.nativeTotalCycles());
    w.printf(Locale.ROOT, "  simulated cycles per wall second: %.3e%n", r.totalCycles() / (median / 1e9));
    if (sink == 42) {
      w.println(); // keeps the JIT from discarding the timed work
    }
    return 0;
  }

  private long timeBatch() {
    long acc = 0;
    for (int i = 0; i < callsPerRepetition; i++) {
      acc += ScaleSimModel.layer(0, LAYER, 128, 128, Dataflow.WS).totalCycles();
    }
    return acc / callsPerRepetition;
  }
}
