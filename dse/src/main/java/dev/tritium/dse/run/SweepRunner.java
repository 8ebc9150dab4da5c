package dev.tritium.dse.run;

import dev.tritium.common.io.InputFiles;
import dev.tritium.dse.eval.PointStatus;
import dev.tritium.dse.eval.ResultRow;
import dev.tritium.dse.sweep.SweepFiles;
import dev.tritium.dse.sweep.SweepSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs a sweep into an output directory: DIR/sweep.json (resolved sweep), DIR/results.csv (streamed
 * while running, rewritten sorted by point id at the end), DIR/pareto.csv (front over the objectives,
 * sorted by point id). With resume, rows already in results.csv are kept and their points skipped.
 */
public final class SweepRunner {

  public static final String RESULTS = "results.csv";
  public static final String PARETO = "pareto.csv";
  public static final String SWEEP_JSON = "sweep.json";

  private SweepRunner() {}

  public static SweepSummary run(DseRequest req, PrintWriter err) throws Exception {
    SweepSpec spec = SweepFiles.load(req.sweepFile());
    return run(spec, req, err);
  }

  /** Runs an already-parsed sweep (the request's sweep file is not read again). */
  public static SweepSummary run(SweepSpec spec, DseRequest req, PrintWriter err) throws Exception {
    SweepExecutor executor = Executors.create(req.executor(), req.threads());
    SweepJob job = new SweepJob(spec, req.evaluatorFactory());
    job.runner(); // refuse unsupported constraints before touching the output directory
    ResultsCsv layout = new ResultsCsv(spec);
    Path out = req.outDir();
    Files.createDirectories(out);
    Path results = out.resolve(RESULTS);
    Path sweepJson = out.resolve(SWEEP_JSON);
    String json = SweepJson.render(spec, layout);
    FinishedRows finished = FinishedRows.empty();
    if (req.resume()) {
      if (Files.exists(sweepJson) && !InputFiles.text(sweepJson, "a sweep.json written by tritium dse").equals(json)) {
        throw new IllegalArgumentException(sweepJson + ": written for a different sweep than " + req.sweepFile()
            + "; resume needs the same sweep file (or use a new --out directory)");
      }
      finished = FinishedRows.read(results, layout);
      // Drop a torn last line before appending after it.
      CsvFiles.writeAtomically(results, layout, finished.sorted());
    } else if (Files.exists(results) && Files.size(results) > 0) {
      throw new IllegalArgumentException(results + " already exists: pass --resume to finish that sweep, or "
          + "choose a new --out directory");
    }
    Files.writeString(sweepJson, json, StandardCharsets.UTF_8);

    long[] pending = pendingIds(spec.pointCount(), finished);
    if (req.resume()) {
      err.printf(Locale.ROOT, "dse: resuming %s: %d of %d points already finished%s, %d to evaluate%n",
          spec.name(), finished.size(), spec.pointCount(),
          finished.tornBytes() > 0 ? " (dropped a torn last line)" : "", pending.length);
    }
    err.printf(Locale.ROOT, "dse: %s: %d points, executor %s%n", spec.name(), pending.length, executor.describe());
    boolean drawBar = req.progress() || ProgressBar.stderrIsTerminal();
    ProgressBar bar = new ProgressBar(err, drawBar, spec.pointCount(), finished.size());
    long t0 = System.nanoTime();
    try (ResultsLog log = new ResultsLog(results, layout)) {
      executor.run(job, pending, row -> {
        log.append(row);
        bar.advance();
      });
    }
    bar.finish();
    double seconds = (System.nanoTime() - t0) / 1e9;
    return finish(spec, layout, out, finished.size(), pending.length, seconds, executor.describe());
  }

  /** Checks every point is there exactly once, rewrites results.csv sorted, writes pareto.csv. */
  private static SweepSummary finish(SweepSpec spec, ResultsCsv layout, Path out, long resumed, long evaluated,
      double seconds, String executor) throws IOException {
    Path results = out.resolve(RESULTS);
    FinishedRows all = FinishedRows.read(results, layout);
    if (all.size() != spec.pointCount() || all.tornBytes() != 0) {
      throw new IllegalStateException(results + " has " + all.size() + " of " + spec.pointCount()
          + " points after the run");
    }
    CsvFiles.writeAtomically(results, layout, all.sorted());
    List<ResultRow> front = ParetoFront.of(all.sorted(), spec.objectives());
    CsvFiles.writeAtomically(out.resolve(PARETO), layout, front);
    long ok = 0;
    long infeasible = 0;
    long failed = 0;
    for (ResultRow r : all.sorted()) {
      if (r.status() == PointStatus.OK) {
        ok++;
      } else if (r.status() == PointStatus.INFEASIBLE) {
        infeasible++;
      } else {
        failed++;
      }
    }
    if (failed == all.size()) {
      // Nothing ran: almost always one input error (a model that does not resolve, a workload it cannot run).
      java.util.Map<String, Long> reasons = new java.util.TreeMap<>();
      for (ResultRow r : all.sorted()) {
        reasons.merge(r.reason(), 1L, Long::sum);
      }
      String first = reasons.keySet().iterator().next();
      throw new IllegalArgumentException("every one of the " + failed + " points failed"
          + (reasons.size() == 1 ? ", all with: " + first : " (" + reasons.size() + " different reasons; e.g. "
          + first + ")") + "; " + results + " lists each point's reason");
    }
    return new SweepSummary(spec.pointCount(), resumed, evaluated, ok, infeasible, failed, front.size(), seconds,
        executor);
  }

  private static long[] pendingIds(long count, FinishedRows finished) {
    long[] ids = new long[Math.toIntExact(count - finished.size())];
    int k = 0;
    for (long id = 0; id < count; id++) {
      if (!finished.contains(id)) {
        ids[k++] = id;
      }
    }
    return ids;
  }
}
