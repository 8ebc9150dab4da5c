package dev.tritium.dse.eval;

/**
 * The default evaluator: mapper + timing-only simulation ({@link MapperPointEvaluator}) behind the
 * cross-point cache ({@link CachingEvaluator}).
 */
public final class MapperEvaluatorFactory implements PointEvaluatorFactory {

  private static final long serialVersionUID = 1L;

  @Override
  public PointEvaluator create() {
    return new CachingEvaluator(new MapperPointEvaluator());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapperEvaluatorFactory;
  }

  @Override
  public int hashCode() {
    return MapperEvaluatorFactory.class.hashCode();
  }
}
