package dev.tritium.mapper.report;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.LmHeadLowering;
import dev.tritium.mapper.model.ModelEstimate;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.mapper.run.SimulationResult;
import dev.tritium.mapper.run.SimulationRunner;
import dev.tritium.mapper.schedule.LayerCompiler;
import dev.tritium.mapper.schedule.LayerProgram;
import dev.tritium.mapper.schedule.ProgramBuilder;
import dev.tritium.mapper.schedule.ProjectionLowering;
import dev.tritium.mapper.schedule.ProjectionLowering.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.synth.SyntheticWeights;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.accounting.AreaReport;
import dev.tritium.simulator.energy.accounting.AssumedWeightMix;
import dev.tritium.simulator.energy.accounting.EnergyAccounting;
import dev.tritium.simulator.energy.accounting.EnergyReport;
import dev.tritium.simulator.energy.accounting.StaticEnergy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Energy of a whole model call: {@link ModelEstimator} gives the simulated latency; every report group
 * (embedding, each layer group, final norm, LM head) is simulated timing-only on its own program and
 * its counts priced with {@link EnergyAccounting} (SRAM bytes from the engine's buffer counters, so
 * operand re-reads per fold are charged), layer groups times the layer count, as {@code tritium
 * estimate} attributes them. Static energy is leakage x the design's area x the call's simulated time.
 *
 * <p>Timing-only runs do not know which weights are +1, -1 or 0; model presets carry no weights, so
 * the ternary add/sub/skip split uses the stated {@link #DEFAULT_WEIGHT_MIX} (the synthetic-weight
 * generator's zero fraction). Only the split between add/sub and skip depends on it.
 */
public final class ModelEnergy {

  /** Zero fraction of absmean-quantised Gaussian weights, as {@link SyntheticWeights} generates them. */
  public static final AssumedWeightMix DEFAULT_WEIGHT_MIX = new AssumedWeightMix(
      SyntheticWeights.effectiveZeroFraction(SyntheticWeights.DEFAULT_ZERO_FRACTION),
      "models.synth.SyntheticWeights default: absmean quantisation of Gaussian latent weights gives"
          + " P(|w| < 0.5 E|w|) = 0.31; released b1.58 checkpoints show roughly 30-40%");

  /** DRAM base of the LM head's int8 weights and of the logits, as {@code ModelEstimator} places them. */
  private static final long LM_HEAD_WEIGHTS_DRAM = 1L << 20;
  private static final long LOGITS_DRAM = 1L << 34;

  private final ModelConfig c;
  private final ArchConfig arch;
  private final ComputeUnit unit;
  private final EnergyAccounting accounting;
  private final SimulationRunner runner;
  private final ModelEstimator estimator;

  public ModelEnergy(ModelConfig c, ArchConfig arch, ComputeUnit unit, CostModel cost) {
    this(c, arch, unit, cost, new ModelEstimator(c, arch, unit));
  }

  /** With an estimator the caller already uses (its layer cache is shared). */
  public ModelEnergy(ModelConfig c, ArchConfig arch, ComputeUnit unit, CostModel cost, ModelEstimator estimator) {
    this.c = c;
    this.arch = arch;
    this.unit = unit;
    this.accounting = new EnergyAccounting(arch, cost).withAssumedWeightMix(DEFAULT_WEIGHT_MIX);
    this.runner = new SimulationRunner(arch);
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

  /** Prices a call whose latency {@code estimate} already simulated. */
  public ModelEnergyReport run(LayerShape shape, ModelEstimate estimate) {
    IsaTarget target = runner.target();
    ProjectionLowering p = new ProjectionLowering(target, unit);
    LayerCompiler compiler = new LayerCompiler(c, target, unit,
        new LayerCompiler.LayerDram(c, p, shape.tokens(), shape.maxKeys()), Map.of());
    LayerProgram layer = compiler.compile(shape);
    List<GroupRun> groups = new ArrayList<>();
    groups.add(group("embedding", 1, embeddingProgram(target, shape.tokens())));
    for (Map.Entry<LayerKind, List<Instruction>> e : layer.groupPrograms().entrySet()) {
      groups.add(group(e.getKey().label(), c.numLayers(), e.getValue()));
    }
    groups.add(group("final_norm", 1, finalNormProgram()));
    groups.add(group("lm_head", 1, LmHeadLowering.program(target, c.vocabSize(), c.hiddenSize(),
        LM_HEAD_WEIGHTS_DRAM, LOGITS_DRAM, 1.0f)));
    double runtimeNs = estimate.totalMs() * 1e6;
    String phase = shape.start() > 0 || shape.tokens() == 1 ? "decode" : "prefill";
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

  private GroupRun group(String label, int repeats, List<Instruction> program) {
    SimulationResult r = runner.timingOnly(program);
    return new GroupRun(label, repeats, r, dynamicOnly(accounting.price(r.counts(), r.stats())).times(repeats));
  }

  /** A group's dynamic energy; static energy belongs to the whole call's runtime. */
  static EnergyReport dynamicOnly(EnergyReport r) {
    return new EnergyReport(r.entries(), StaticEnergy.NONE, r.costModel());
  }

  // The two programs below are those of ModelEstimator (private there): the embedding gather of one
  // fp32 row per token and the final RMSNorm. Kept identical so energy and latency describe one call.

  private List<Instruction> embeddingProgram(IsaTarget target, int tokens) {
    ProgramBuilder pb = new ProgramBuilder();
    List<Load> loads = new ArrayList<>();
    long rowBytes = 4L * c.hiddenSize();
    int perLoad = (int) Math.max(1, Math.min(tokens, target.vecBytes() / rowBytes));
    for (int t = 0; t < tokens; t++) {
      loads.add(new Load(Deps.NONE, Buffer.VEC, (t % perLoad) * rowBytes,
          LM_HEAD_WEIGHTS_DRAM + (long) (t * 7919 % c.vocabSize()) * rowBytes, 1, (int) rowBytes, 0));
    }
    pb.loads(loads);
    return pb.finish();
  }

  private List<Instruction> finalNormProgram() {
    ProgramBuilder pb = new ProgramBuilder();
    long gain = 4L * c.hiddenSize();
    pb.add(Cfg.ofFloat(Deps.NONE, CfgReg.RMSNORM_EPS, (float) c.rmsNormEps()));
    pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, gain, LM_HEAD_WEIGHTS_DRAM, 1, (int) gain, 0)));
    pb.add(new Vec(Deps.NONE, VecOp.RMSNORM, 0, 0, gain, 1, c.hiddenSize(), 0));
    return pb.finish();
  }
}
