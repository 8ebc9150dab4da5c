package dev.tritium.mapper.model;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.run.ActionEnergy;
import dev.tritium.mapper.run.SimulationResult;
import dev.tritium.mapper.run.SimulationRunner;
import dev.tritium.mapper.schedule.LayerCompiler;
import dev.tritium.mapper.schedule.LayerProgram;
import dev.tritium.mapper.schedule.ProgramBuilder;
import dev.tritium.mapper.schedule.ProjectionLowering;
import dev.tritium.mapper.schedule.ProjectionLowering.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.energy.CostModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps and simulates (timing only) a whole model call: the embedding gather, the decoder layers,
 * the final norm and the LM head. Every layer of a model has the same shapes, so one layer is
 * compiled and simulated per distinct {@link LayerShape} and its cycles reused for all layers
 * (cached across calls on this estimator). Per-group cycles come from simulating each group's
 * instructions alone and scaling them so that they sum to the whole layer's simulated cycles.
 */
public final class ModelEstimator {

  private final ModelConfig c;
  private final ArchConfig arch;
  private final ComputeUnit unit;
  private final SimulationRunner runner;
  private final IsaTarget target;
  private final ActionEnergy energy;
  private final Map<LayerShape, LayerResult> layerCache = new HashMap<>();

  /**
   * A simulated layer: its program, the whole program's timing-only run, and per-group cycles and
   * energy (one layer).
   */
  public record LayerResult(LayerProgram program, SimulationResult whole, long cycles,
      Map<LayerKind, Long> groupCycles, Map<LayerKind, Double> groupEnergyPj) {}

  public ModelEstimator(ModelConfig c, ArchConfig arch, ComputeUnit unit) {
    this.c = c;
    this.arch = arch;
    this.unit = unit;
    this.runner = new SimulationRunner(arch);
    this.target = runner.target();
    this.energy = new ActionEnergy(arch, CostModel.preset("horowitz-45nm", arch.technologyNodeNm()).energy());
  }

  public IsaTarget target() {
    return target;
  }

  /** Decode of one token with {@code context} tokens cached, or prefill of {@code tokens} tokens. */
  public ModelEstimate estimate(LayerShape shape) {
    LayerResult layer = layer(shape);
    List<EstimateRow> rows = new ArrayList<>();
    long total = 0;
    SimulationResult emb = runner.timingOnly(embeddingProgram(shape.tokens()));
    rows.add(new EstimateRow("embedding", emb.cycles(), pj(emb)));
    total += emb.cycles();
    for (Map.Entry<LayerKind, Long> e : layer.groupCycles().entrySet()) {
      rows.add(new EstimateRow(e.getKey().label(), e.getValue() * c.numLayers(),
          layer.groupEnergyPj().get(e.getKey()) * c.numLayers()));
    }
    total += layer.cycles() * c.numLayers();
    SimulationResult norm = runner.timingOnly(finalNormProgram());
    SimulationResult head = runner.timingOnly(LmHeadLowering.program(target, c.vocabSize(), c.hiddenSize(), 1L << 20,
        1L << 34, 1.0f));
    rows.add(new EstimateRow("final_norm", norm.cycles(), pj(norm)));
    rows.add(new EstimateRow("lm_head", head.cycles(), pj(head)));
    total += norm.cycles() + head.cycles();
    return new ModelEstimate(rows, total, arch.clockMhz(), shape.tokens(), layer.cycles(), layerCache.size(),
        layer.program().chunkTokens(), mapping(layer, shape));
  }

  /** One decoder layer of the call compiled and simulated (timing only), cached per shape. */
  public LayerResult layer(LayerShape shape) {
    if (shape.maxKeys() > 65535) {
      throw new IllegalArgumentException("context " + shape.maxKeys() + " exceeds the 16-bit ROPE position field (65535)");
    }
    return layerCache.computeIfAbsent(shape, s -> simulateLayer(s, s.maxKeys()));
  }

  public ModelConfig config() {
    return c;
  }

  public ComputeUnit unit() {
    return unit;
  }

  private LayerResult simulateLayer(LayerShape shape, int cacheCapacity) {
    ProjectionLowering p = new ProjectionLowering(target, unit);
    LayerCompiler compiler = new LayerCompiler(c, target, unit,
        new LayerCompiler.LayerDram(c, p, shape.tokens(), cacheCapacity), Map.of());
    LayerProgram lp = compiler.compile(shape);
    SimulationResult whole = runner.timingOnly(lp.program());
    Map<LayerKind, Long> raw = new java.util.EnumMap<>(LayerKind.class);
    Map<LayerKind, Double> pj = new java.util.EnumMap<>(LayerKind.class);
    long rawSum = 0;
    for (Map.Entry<LayerKind, List<Instruction>> e : lp.groupPrograms().entrySet()) {
      SimulationResult r = runner.timingOnly(e.getValue());
      raw.put(e.getKey(), r.cycles());
      pj.put(e.getKey(), pj(r));
      rawSum += r.cycles();
    }
    Map<LayerKind, Long> scaled = new java.util.EnumMap<>(LayerKind.class);
    long assigned = 0;
    LayerKind largest = null;
    for (Map.Entry<LayerKind, Long> e : raw.entrySet()) {
      long v = Math.round((double) e.getValue() * whole.cycles() / Math.max(1, rawSum));
      scaled.put(e.getKey(), v);
      assigned += v;
      if (largest == null || v > scaled.get(largest)) {
        largest = e.getKey();
      }
    }
    scaled.merge(largest, whole.cycles() - assigned, Long::sum);
    return new LayerResult(lp, whole, whole.cycles(), scaled, pj);
  }

  private double pj(SimulationResult r) {
    return ActionEnergy.totalPj(energy.account(r.counts()));
  }

  /** The embedding gather: one DMA row per token (fp32 copy of the table, hidden x 4 bytes). */
  private List<Instruction> embeddingProgram(int tokens) {
    ProgramBuilder pb = new ProgramBuilder();
    List<Load> loads = new ArrayList<>();
    long rowBytes = 4L * c.hiddenSize();
    int perLoad = (int) Math.max(1, Math.min(tokens, target.vecBytes() / rowBytes));
    for (int t = 0; t < tokens; t++) {
      loads.add(new Load(Deps.NONE, Buffer.VEC, (t % perLoad) * rowBytes, (1L << 20) + (long) (t * 7919 % c.vocabSize())
          * rowBytes, 1, (int) rowBytes, 0));
    }
    pb.loads(loads);
    return pb.finish();
  }

  private List<Instruction> finalNormProgram() {
    ProgramBuilder pb = new ProgramBuilder();
    long gain = 4L * c.hiddenSize();
    pb.add(dev.tritium.isa.Cfg.ofFloat(Deps.NONE, dev.tritium.isa.CfgReg.RMSNORM_EPS, (float) c.rmsNormEps()));
    pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, gain, 1L << 20, 1, (int) gain, 0)));
    pb.add(new Vec(Deps.NONE, VecOp.RMSNORM, 0, 0, gain, 1, c.hiddenSize(), 0));
    return pb.finish();
  }

  private String mapping(LayerResult layer, LayerShape shape) {
    ProjectionLowering p = new ProjectionLowering(target, unit);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "projections: %s unit, weights packed %s; one decoder layer compiled"
        + " (%d instructions, %d tokens per chunk) and reused for all %d layers%n", unit, p.packing().modelsName(),
        layer.program().program().size(), layer.program().chunkTokens(), c.numLayers()));
    sb.append("attention: int8 GEMM.I8 on the MAC array (bit-serial), KV cache int8 in DRAM with per-token, per-kv-head"
        + " inverse scales; softmax fp32 on the vector unit\n");
    sb.append(String.format(Locale.ROOT, "embedding: DMA gather of %d fp32 row(s) of %d bytes%n", shape.tokens(),
        4 * c.hiddenSize()));
    long vecAlt = LmHeadLowering.vectorUnitCycles(c.vocabSize(), c.hiddenSize(), arch.vectorUnit().lanes(),
        arch.dram().peakBandwidthGBps(), arch.clockMhz());
    sb.append(String.format(Locale.ROOT, "lm_head: %d x %d on GEMM.I8 (int8 copy of the tied bf16 embeddings, per-tensor"
        + " scale; %d vocab rows per tile): the ternary MAC array and LUT core take only ternary weights and the ISA"
        + " has no vector dot product. (Analytic alternative, fp32 on %d vector lanes with bf16 weights: %,d cycles.)%n",
        c.vocabSize(), c.hiddenSize(), LmHeadLowering.tileRows(target, c.vocabSize(), c.hiddenSize()),
        arch.vectorUnit().lanes(), vecAlt));
    sb.append(layer.program().describe());
    return sb.toString();
  }
}
