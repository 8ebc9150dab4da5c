package dev.tritium.cli;

import dev.tritium.dse.DseMain;
import dev.tritium.dse.eval.Evaluators;
import dev.tritium.dse.eval.MapperEvaluatorFactory;
import dev.tritium.dse.run.DseRequest;
import dev.tritium.dse.run.SweepRunner;
import dev.tritium.dse.run.SweepSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tritium dse}: runs a design-space sweep (dse/README.md): results.csv streamed as points finish,
 * pareto.csv and sweep.json at the end; {@code --resume} finishes an interrupted sweep.
 */
@Command(
    name = "dse",
    mixinStandardHelpOptions = true,
    description = "Run a design-space sweep: every point mapped and simulated (timing only), results streamed to "
        + "DIR/results.csv, the Pareto front to DIR/pareto.csv, the resolved sweep to DIR/sweep.json. Sweep file "
        + "format: dse/README.md; examples under examples/.")
public final class DseCommand implements Callable<Integer> {

  @Option(names = "--sweep", required = true, paramLabel = "FILE", description = "Sweep file (YAML).")
  Path sweep;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--executor", defaultValue = "local", paramLabel = "local|spark",
      description = "Where points run (default: ${DEFAULT-VALUE}); spark needs spark-submit, see dse/README.md.")
  String executor;

  @Option(names = "--threads", paramLabel = "N", description = "Local worker threads (default: one per core).")
  Integer threads;

  @Option(names = "--resume", description = "Finish the sweep in DIR: keep its finished points, evaluate the rest.")
  boolean resume;

  @Option(names = "--progress", description = "Draw the progress bar even when stderr is not a terminal.")
  boolean progress;

  @Option(names = "--evaluator-factory", hidden = true, paramLabel = "CLASS",
      description = "PointEvaluatorFactory class to evaluate points with (tests and plug-ins).")
  String evaluatorFactory;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (threads != null && threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
    }
    DseRequest req = new DseRequest(sweep, out, executor, threads == null ? 0 : threads, resume, progress,
        evaluatorFactory == null ? new MapperEvaluatorFactory() : Evaluators.byClassName(evaluatorFactory));
    PrintWriter err = spec.commandLine().getErr();
    SweepSummary s = SweepRunner.run(req, err);
    spec.commandLine().getOut().println(DseMain.summaryLine(s, out));
    return 0;
  }
}
