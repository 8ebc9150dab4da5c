package dev.tritium.dse.eval;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One evaluator per factory per JVM: Spark tasks of one executor then share the evaluator's per-layer
 * cache instead of each building their own.
 */
public final class Evaluators {

  private static final ConcurrentMap<PointEvaluatorFactory, PointEvaluator> SHARED = new ConcurrentHashMap<>();

  private Evaluators() {}

  public static PointEvaluator shared(PointEvaluatorFactory factory) {
    return SHARED.computeIfAbsent(factory, PointEvaluatorFactory::create);
  }

  /**
   * The factory named by class, made with its public no-argument constructor.
   *
   * @throws IllegalArgumentException when there is no such class or it is not a factory
   */
  public static PointEvaluatorFactory byClassName(String className) {
    try {
      Class<?> c = Class.forName(className);
      if (!PointEvaluatorFactory.class.isAssignableFrom(c)) {
        throw new IllegalArgumentException("--evaluator-factory " + className + " does not implement "
            + PointEvaluatorFactory.class.getName());
      }
      return (PointEvaluatorFactory) c.getConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("--evaluator-factory " + className + ": no such class on the classpath", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("--evaluator-factory " + className
          + ": needs a public no-argument constructor (" + e + ")", e);
    }
  }
}
