package dev.tritium.dse.eval;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.dse.sweep.Phase;
import dev.tritium.dse.sweep.SweepFormats;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.dse.sweep.Workload;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.KvChoice;
import dev.tritium.mapper.model.LayerGroupCache;
import dev.tritium.mapper.model.ModelEstimate;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelConfigs;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.energy.CostModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The real evaluator: the mapper's {@link ModelEstimator} maps the whole model call (embedding, every
 * decoder layer, final norm, LM head) onto the design and simulates it timing-only, with the projections
 * in the workload's weight format; the dynamic energy is the sum of its priced actions. Model configs are resolved once per name, cost models once per
 * node. Points share one {@link LayerGroupCache}: a layer group whose program and used units are the
 * same on two designs is simulated once (dse/README.md, "What is reused across points").
 */
public final class MapperPointEvaluator implements PointEvaluator {

  private final ConcurrentMap<String, ModelConfig> models = new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, CostModel> costModels = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, FormatPreset> formats = new ConcurrentHashMap<>();
  private final LayerGroupCache groupCache;

  /** With a fresh shared layer-group cache of the default budget. */
  public MapperPointEvaluator() {
    this(new LayerGroupCache());
  }

  /** @param groupCache shared by every point this evaluator evaluates; null: every point simulates alone */
  public MapperPointEvaluator(LayerGroupCache groupCache) {
    this.groupCache = groupCache;
  }

  /** The shared layer-group cache (null when there is none). */
  public LayerGroupCache groupCache() {
    return groupCache;
  }

  @Override
  public WorkloadResult evaluate(ArchConfig arch, ComputeUnit unit, Workload workload) {
    ModelConfig model = models.computeIfAbsent(workload.model(), MapperPointEvaluator::resolve);
    LayerShape shape = workload.phase() == Phase.DECODE ? LayerShape.decode(workload.context())
        : LayerShape.prefill(workload.tokens());
    // ModelEstimator's default pricing, with the parsed cost tables reused across points.
    CostModel cost = costModels.computeIfAbsent(arch.technologyNodeNm(),
        node -> CostModel.preset(CostModel.DEFAULT_PRESET, node));
    FormatPreset format = formats.computeIfAbsent(workload.format(), SweepFormats::preset);
    // The point's KV cache: the weight format's own when it names one and the workload says kv_format: format.
    ArchConfig withKv = KvChoice.parse(workload.kvFormat()).apply(arch, format);
    ModelEstimate e = ModelEstimator.forFormat(model, withKv, unit, format, cost, groupCache).estimate(shape);
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
