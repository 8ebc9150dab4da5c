package dev.tritium.mapper.report;

import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.GroupRun;
import dev.tritium.mapper.model.ModelEstimate;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.mapper.schedule.ProjectionLowering;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.accounting.AreaReport;
import dev.tritium.simulator.energy.accounting.EnergyAccounting;
import dev.tritium.simulator.energy.accounting.EnergyReport;
import dev.tritium.simulator.energy.accounting.StaticEnergy;
import java.util.List;

/**
 * Energy of a whole model call, a pricing layer over {@link ModelEstimator}: the estimate's report
 * groups (embedding, each layer group, final norm, LM head; each simulated once, timing only, by the
 * estimator) are priced with {@link EnergyAccounting} under this cost model, layer groups times the
 * layer count, exactly as the estimate's energy column when the cost model is the default. Static
 * energy is leakage x the design's area x the call's simulated time. The ternary add/sub/skip split
 * uses {@link ModelEstimator#DEFAULT_WEIGHT_MIX} (presets carry no weights).
 */
public final class ModelEnergy {

  private final ModelConfig c;
  private final ArchConfig arch;
  private final ComputeUnit unit;
  private final EnergyAccounting accounting;
  private final ModelEstimator estimator;

  public ModelEnergy(ModelConfig c, ArchConfig arch, ComputeUnit unit, CostModel cost) {
    this(c, arch, unit, cost, new ModelEstimator(c, arch, unit));
  }

  /** With an estimator the caller already uses (its layer cache is shared). */
  public ModelEnergy(ModelConfig c, ArchConfig arch, ComputeUnit unit, CostModel cost, ModelEstimator estimator) {
    this(estimator, new EnergyAccounting(arch, cost).withAssumedWeightMix(ModelEstimator.DEFAULT_WEIGHT_MIX));
    if (!estimator.config().equals(c) || !estimator.arch().equals(arch) || estimator.unit() != unit) {
      throw new IllegalArgumentException("estimator is for " + estimator.config().name() + " on " + estimator.arch()
          .name() + " (" + estimator.unit() + " unit), not " + c.name() + " on " + arch.name() + " (" + unit + ")");
    }
  }

  /** Priced as the estimator prices its own rows (what {@code tritium estimate} prints). */
  public ModelEnergy(ModelEstimator estimator) {
    this(estimator, estimator.accounting());
  }

  private ModelEnergy(ModelEstimator estimator, EnergyAccounting accounting) {
    this.c = estimator.config();
    this.arch = accounting.arch();
    this.unit = estimator.unit();
    this.accounting = accounting;
    this.estimator = estimator;
  }

  public EnergyAccounting accounting() {
    return accounting;
  }

  public ModelConfig model() {
    return c;
  }

  /** Estimates the call, then prices it. */
  public ModelEnergyReport run(LayerShape shape) {
    return run(shape, estimator.estimate(shape));
  }

  /** Prices a call whose latency and group runs {@code estimate} already simulated (no new simulation). */
  public ModelEnergyReport run(LayerShape shape, ModelEstimate estimate) {
    List<GroupRun> groups = accounting == estimator.accounting() ? estimate.groups()
        : estimate.groups().stream().map(g -> g.repriced(accounting)).toList();
    double runtimeNs = estimate.totalMs() * 1e6;
    String phase = shape.start() > 0 || shape.tokens() == 1 ? "decode" : "prefill";
    ProjectionLowering p = estimator.projections();
    return new ModelEnergyReport(c.name(), arch.name(), phase, shape, estimate, groups,
        total(groups, accounting.area(), runtimeNs), accounting.area(), ModelFootprint.ternary(c, p),
        estimate.totalMs(), "simulated (tritium estimate)");
  }

  /** All groups summed, with the call's static energy. */
  static EnergyReport total(List<GroupRun> groups, AreaReport area, double runtimeNs) {
    EnergyReport sum = new EnergyReport(List.of(), StaticEnergy.NONE, area.costModel());
    for (GroupRun g : groups) {
      sum = sum.plus(g.energy());
    }
    return new EnergyReport(sum.entries(), area.staticEnergy(runtimeNs), area.costModel());
  }
}
