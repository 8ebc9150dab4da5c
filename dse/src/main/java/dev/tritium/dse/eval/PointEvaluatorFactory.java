package dev.tritium.dse.eval;

import java.io.Serializable;

/**
 * Makes the evaluator of a sweep. Serializable so that Spark ships it to executors, where each JVM
 * makes its evaluator once ({@link Evaluators#shared}). Implementations need a public no-argument
 * constructor when named by class (the {@code --evaluator-factory} option) and value equality.
 */
public interface PointEvaluatorFactory extends Serializable {

  PointEvaluator create();
}
