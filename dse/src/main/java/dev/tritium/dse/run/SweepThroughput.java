package dev.tritium.dse.run;

import dev.tritium.dse.eval.AreaEstimator;
import dev.tritium.dse.eval.PointEvaluatorFactory;
import dev.tritium.dse.eval.PointRunner;
import dev.tritium.dse.sweep.SweepSpec;
import java.util.Arrays;

/**
 * Measures sweep throughput the way {@code tritium dse} runs (local executor, fresh evaluator and cache,
 * nothing written): points per minute over the first {@code points} ids, and the wall time of each
 * point on its worker thread (median and 90th percentile). Used by {@code tritium bench dse}.
 */
public final class SweepThroughput {

  /**
   * @param points points evaluated
   * @param seconds wall time of the whole batch
   * @param medianPointMs median wall time of one point on its thread
   * @param p90PointMs 90th percentile of the same
   */
  public record Result(int points, int threads, double seconds, double medianPointMs, double p90PointMs) {

    public double pointsPerMinute() {
      return points * 60.0 / seconds;
    }
  }

  private SweepThroughput() {}

  public static Result measure(SweepSpec spec, PointEvaluatorFactory factory, int threads, int points)
      throws Exception {
    int n = (int) Math.min(points, spec.pointCount());
    // A fresh runner (not SweepJob's per-JVM one): every run starts with an empty cache, as a new sweep does.
    PointRunner runner = new PointRunner(spec, factory.create(), new AreaEstimator());
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    double[] ms = new double[n];
    long t0 = System.nanoTime();
    new LocalExecutor(threads).forEach(ids, id -> {
      long s = System.nanoTime();
      runner.run(id);
      ms[(int) id] = (System.nanoTime() - s) / 1e6;
    });
    double seconds = (System.nanoTime() - t0) / 1e9;
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    return new Result(n, threads, seconds, sorted[n / 2], sorted[Math.min(n - 1, (int) Math.ceil(0.9 * n) - 1)]);
  }
}
