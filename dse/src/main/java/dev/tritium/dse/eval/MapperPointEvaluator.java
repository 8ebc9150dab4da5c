package dev.tritium.dse.eval;

import dev.tritium.dse.sweep.ComputeUnit;
import dev.tritium.dse.sweep.Phase;
import dev.tritium.dse.sweep.Workload;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.ModelEstimate;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.mapper.schedule.ProjectionLowering;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The real evaluator: the mapper's {@link ModelEstimator} maps the whole model call (embedding, every
 * decoder layer, final norm, LM head) onto the design and simulates it timing-only; the dynamic energy
 * is the sum of its priced actions. Model configs are resolved once per name.
 */
public final class MapperPointEvaluator implements PointEvaluator {

  private final ConcurrentMap<String, ModelConfig> models = new ConcurrentHashMap<>();

  @Override
  public WorkloadResult evaluate(dev.tritium.simulator.config.ArchConfig arch, ComputeUnit unit, Workload workload) {
    ModelConfig model = models.computeIfAbsent(workload.model(), MapperPointEvaluator::resolve);
    ProjectionLowering.ComputeUnit mapperUnit = unit == ComputeUnit.MAC ? ProjectionLowering.ComputeUnit.MAC
        : ProjectionLowering.ComputeUnit.LUT;
    LayerShape shape = workload.phase() == Phase.DECODE ? LayerShape.decode(workload.context())
        : LayerShape.prefill(workload.tokens());
    ModelEstimate e = new ModelEstimator(model, arch, mapperUnit).estimate(shape);
    return new WorkloadResult(e.totalCycles(), e.totalEnergyPj());
  }

  private static ModelConfig resolve(String nameOrPath) {
    try {
      return ModelConfigs.resolve(nameOrPath);
    } catch (IOException e) {
      throw new UncheckedIOException("workload.model '" + nameOrPath + "': " + e.getMessage(), e);
    }
  }
}
