package dev.tritium.dse;

import dev.tritium.dse.eval.Evaluators;
import dev.tritium.dse.eval.MapperEvaluatorFactory;
import dev.tritium.dse.eval.PointEvaluatorFactory;
import dev.tritium.dse.run.DseRequest;
import dev.tritium.dse.run.SweepRunner;
import dev.tritium.dse.run.SweepSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Entry point of the dse jar (spark-submit's main class, and the process the resume test kills):
 * {@code --sweep FILE --out DIR [--executor local|spark] [--threads N] [--resume] [--progress]
 * [--evaluator-factory CLASS]}. The CLI's {@code tritium dse} takes the same options. Exit codes as the
 * CLI: 0 ok, 2 user error, 70 internal error.
 */
public final class DseMain {

  private DseMain() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.err, true)));
  }

  /** Runs with the given arguments; returns the exit code. */
  public static int run(String[] args, PrintWriter err) {
    try {
      DseRequest req = parse(args);
      SweepSummary s = SweepRunner.run(req, err);
      err.println(summaryLine(s, req.outDir()));
      err.flush();
      return 0;
    } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
      err.println("dse: error: " + e.getMessage());
      err.flush();
      return 2;
    } catch (Exception e) {
      err.println("dse: internal error (please report):");
      e.printStackTrace(err);
      err.flush();
      return 70;
    }
  }

  /** The closing line both entry points print. */
  public static String summaryLine(SweepSummary s, Path out) {
    return String.format(Locale.ROOT, "dse: %d points (%d resumed, %d evaluated in %.1f s, %.0f points/min on %s): "
        + "%d ok, %d infeasible, %d failed; %d on the Pareto front; wrote %s", s.points(), s.resumed(), s.evaluated(),
        s.seconds(), s.pointsPerMinute(), s.executor(), s.ok(), s.infeasible(), s.failed(), s.paretoPoints(), out);
  }

  static DseRequest parse(String[] args) {
    Path sweep = null;
    Path out = null;
    String executor = "local";
    int threads = 0;
    boolean resume = false;
    boolean progress = false;
    PointEvaluatorFactory factory = new MapperEvaluatorFactory();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--sweep" -> sweep = Path.of(value(args, ++i, a));
        case "--out" -> out = Path.of(value(args, ++i, a));
        case "--executor" -> executor = value(args, ++i, a);
        case "--threads" -> {
          String v = value(args, ++i, a);
          try {
            threads = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--threads: expected a whole number >= 1, got '" + v + "'", e);
          }
          if (threads < 1) {
            throw new IllegalArgumentException("--threads: expected a whole number >= 1, got " + threads);
          }
        }
        case "--resume" -> resume = true;
        case "--progress" -> progress = true;
        case "--evaluator-factory" -> factory = Evaluators.byClassName(value(args, ++i, a));
        default -> throw new IllegalArgumentException("unknown option '" + a + "' (usage: --sweep FILE --out DIR "
            + "[--executor local|spark] [--threads N] [--resume] [--progress] [--evaluator-factory CLASS])");
      }
    }
    if (sweep == null || out == null) {
      throw new IllegalArgumentException("--sweep FILE and --out DIR are required");
    }
    return new DseRequest(sweep, out, executor, threads, resume, progress, factory);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
