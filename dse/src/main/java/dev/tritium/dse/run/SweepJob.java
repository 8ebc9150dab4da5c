package dev.tritium.dse.run;

import dev.tritium.dse.eval.AreaEstimator;
import dev.tritium.dse.eval.Evaluators;
import dev.tritium.dse.eval.PointEvaluatorFactory;
import dev.tritium.dse.eval.PointRunner;
import dev.tritium.dse.sweep.SweepSpec;
import java.io.Serializable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Everything a worker needs to turn point ids into rows; serializable, so Spark ships it to executors.
 * Each JVM builds one {@link PointRunner} per job (shared evaluator, shared area cache).
 */
public record SweepJob(SweepSpec spec, PointEvaluatorFactory evaluatorFactory) implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final ConcurrentMap<SweepJob, PointRunner> RUNNERS = new ConcurrentHashMap<>();

  /** This JVM's runner of the job. */
  public PointRunner runner() {
    return RUNNERS.computeIfAbsent(this,
        j -> new PointRunner(j.spec, Evaluators.shared(j.evaluatorFactory), new AreaEstimator()));
  }
}
