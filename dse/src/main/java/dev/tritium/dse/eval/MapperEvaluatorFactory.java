package dev.tritium.dse.eval;

import dev.tritium.mapper.model.LayerGroupCache;

/**
 * The default evaluator: mapper + timing-only simulation ({@link MapperPointEvaluator}) with its shared
 * layer-group cache, behind the whole-point cache ({@link CachingEvaluator}).
 */
public final class MapperEvaluatorFactory implements PointEvaluatorFactory {

  private static final long serialVersionUID = 1L;

  private final boolean shareLayerGroups;

  /** Points share layer-group simulations (the default). */
  public MapperEvaluatorFactory() {
    this(true);
  }

  /** @param shareLayerGroups false: every point simulates all its layer groups itself (the bench's baseline) */
  public MapperEvaluatorFactory(boolean shareLayerGroups) {
    this.shareLayerGroups = shareLayerGroups;
  }

  @Override
  public PointEvaluator create() {
    return new CachingEvaluator(new MapperPointEvaluator(shareLayerGroups ? new LayerGroupCache() : null));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapperEvaluatorFactory f && f.shareLayerGroups == shareLayerGroups;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(shareLayerGroups);
  }
}
