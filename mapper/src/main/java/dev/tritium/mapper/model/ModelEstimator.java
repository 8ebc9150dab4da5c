package dev.tritium.mapper.model;

import dev.tritium.isa.WeightAlphabet;
import dev.tritium.mapper.bitlinear.AcceleratorFormats;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.fp16act.FloatLinearCrossCheck;
import dev.tritium.mapper.fp16act.FloatLinearLowering;
import dev.tritium.mapper.fp16act.FloatLinearPlan;
import dev.tritium.mapper.fp16act.LayerFormats;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.mapper.schedule.LayerCompiler;
import dev.tritium.mapper.schedule.LayerProgram;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.mapper.schedule.ProjectionLowering;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.synth.SyntheticWeights;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.functional.CountSource;
import dev.tritium.simulator.functional.TernaryPairCounts;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.config.AttentionConfig;
import dev.tritium.simulator.unit.host.HostConfig;
import dev.tritium.simulator.unit.host.HostOp;
import dev.tritium.simulator.unit.host.HostTiming;
import dev.tritium.simulator.unit.host.HostUnit;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.accounting.AssumedWeightMix;
import dev.tritium.simulator.energy.accounting.EnergyAccounting;
import java.util.ArrayList;
import java.util.EnumMap;
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
 *
 * <p>Energy: each group's standalone run is priced with the simulator's {@link EnergyAccounting} (the
 * kit's one pricing path; SRAM bytes from the engine's buffer counters), layer groups times the layer
 * count. Timing-only runs do not know which weights are +1, -1 or 0 and presets carry no weights, so
 * the ternary add/sub/skip split uses the stated {@link #DEFAULT_WEIGHT_MIX} (entries say
 * {@code ASSUMED}); only the split between add/sub and skip depends on it.
 */
public final class ModelEstimator {

  /** Zero fraction of absmean-quantised Gaussian weights, as {@link SyntheticWeights} generates them. */
  public static final AssumedWeightMix DEFAULT_WEIGHT_MIX = new AssumedWeightMix(
      SyntheticWeights.effectiveZeroFraction(SyntheticWeights.DEFAULT_ZERO_FRACTION),
      "models.synth.SyntheticWeights default: absmean quantisation of Gaussian latent weights gives"
          + " P(|w| < 0.5 E|w|) = 0.31; released b1.58 checkpoints show roughly 30-40%");

  /** DRAM base of the embedding table, the final norm's gains and the LM head's int8 weights. */
  private static final long TABLES_DRAM = 1L << 20;
  private static final long LOGITS_DRAM = 1L << 34;

  private final ModelConfig c;
  private final ArchConfig arch;
  private final ComputeUnit unit;
  private final WeightAlphabet alphabet;
  private final SimulationRunner runner;
  private final IsaTarget target;
  private final EnergyAccounting accounting;
  private final Map<LayerShape, LayerResult> layerCache = new HashMap<>();
  private final LayerGroupCache groupCache;
  /** The projections' weight format when it takes fp16 activations (the sign-add path), else null. */
  private final FormatPreset signAdd;
  private Map<LayerKind, FloatLinearPlan> signAddPlans;
  /** The projections' own programs (quip-w2, w8a8, atom-w4a4), else null. */
  private final StandaloneProjections standalone;

  /**
   * A simulated layer: its program, the whole program's timing-only run, the layer's cycles, per-group cycles
   * (scaled to the whole run) and each group's standalone timing-only run (one layer). When the projections are
   * programs of their own ({@link StandaloneProjections}), {@code program} and {@code whole} are the operators between
   * them, and {@code cycles} adds the projections' runs (their groups' cycles unscaled).
   */
  public record LayerResult(LayerProgram program, SimulationResult whole, long cycles,
      Map<LayerKind, Long> groupCycles, Map<LayerKind, SimulationResult> groupRuns, Map<LayerKind, Integer> runRepeats) {

    /** A layer whose group runs each stand for their group once. */
    public LayerResult(LayerProgram program, SimulationResult whole, long cycles, Map<LayerKind, Long> groupCycles,
        Map<LayerKind, SimulationResult> groupRuns) {
      this(program, whole, cycles, groupCycles, groupRuns, Map.of());
    }

    public LayerResult {
      runRepeats = Map.copyOf(runRepeats);
    }

    /** How many times the group's run repeats in one layer (a projection run in chunks of tokens: the chunks). */
    public int repeats(LayerKind kind) {
      return runRepeats.getOrDefault(kind, 1);
    }
  }

  /** Priced with the default cost preset at the arch's node and {@link #DEFAULT_WEIGHT_MIX}. */
  public ModelEstimator(ModelConfig c, ArchConfig arch, ComputeUnit unit) {
    this(c, arch, unit, new EnergyAccounting(arch, CostModel.preset(CostModel.DEFAULT_PRESET, arch.technologyNodeNm()))
        .withAssumedWeightMix(DEFAULT_WEIGHT_MIX));
  }

  /** Priced with {@code accounting} (which must be for {@code arch}). */
  public ModelEstimator(ModelConfig c, ArchConfig arch, ComputeUnit unit, EnergyAccounting accounting) {
    this(c, arch, unit, accounting, null);
  }

  /**
   * Priced with {@code accounting}; timing-only runs go through {@code groupCache} (shared with other
   * estimators, e.g. across sweep points; null: no sharing).
   */
  public ModelEstimator(ModelConfig c, ArchConfig arch, ComputeUnit unit, EnergyAccounting accounting,
      LayerGroupCache groupCache) {
    this(c, arch, unit, accounting, groupCache, WeightAlphabet.TERNARY);
  }

  /**
   * The model's projections in a low-bit weight format the units run ({@code AcceleratorFormats}): binary weights
   * (bitnet-w1) may use the MAC array's 1-bit packing, and their energy counts no zero weights.
   */
  public static ModelEstimator forFormat(ModelConfig c, ArchConfig arch, ComputeUnit unit, FormatPreset format) {
    return forFormat(c, arch, unit, format, CostModel.preset(CostModel.DEFAULT_PRESET, arch.technologyNodeNm()), null);
  }

  /**
   * The same priced with {@code cost}, its timing-only runs through {@code groupCache} (null: no sharing). A format
   * with fp16 activations runs its projections on the MAC array's sign-add path or the LUT core's fp16 tables, and
   * needs fp32 adders in that unit.
   */
  public static ModelEstimator forFormat(ModelConfig model, ArchConfig arch, ComputeUnit unit, FormatPreset format,
      CostModel cost, LayerGroupCache groupCache) {
    // A format that rotates queries and keys online (SpinQuant's R3) changes the model's attention path: the layer
    // program rotates every roped q and k head on the vector unit.
    ModelConfig c = format.format().rotatesQueriesAndKeysOnline() ? model.withQkHadamard(true) : model;
    EnergyAccounting accounting = new EnergyAccounting(arch, cost);
    if (AcceleratorFormats.signAdd(format)) {
      try {
        new FloatLinearLowering(new SimulationRunner(arch).target(), unit);
      } catch (IllegalArgumentException e) {
        // A unit without its fp adders (mac_array.float_adders or lut_core.float_adders): the key is in the message.
        throw new IllegalArgumentException("weight format '" + format.name() + "' takes fp16 activations on the "
            + unit.key() + " unit: " + e.getMessage(), e);
      }
      return new ModelEstimator(c, arch, unit, accounting.withAssumedWeightMix(DEFAULT_WEIGHT_MIX), groupCache,
          WeightAlphabet.TERNARY, format);
    }
    if (StandaloneProjections.covers(format)) {
      // The dense baseline's projections run on the vector unit whichever unit is named; abq-wpaq on the MAC array or
      // the LUT core's bit-plane tables; the others on the MAC array.
      if (unit != ComputeUnit.MAC && !AcceleratorFormats.dense(format) && !AcceleratorFormats.bitPlane(format)) {
        throw new IllegalArgumentException("weight format '" + format.name() + "' runs its projections on the MAC"
            + " array only (" + (AcceleratorFormats.quip(format) ? "GEMM.Q2" : AcceleratorFormats.bitPlane(format)
            ? "GEMM.BP" : "GEMM.IW") + "); use --unit mac");
      }
      StandaloneProjections projections = new StandaloneProjections(c, new SimulationRunner(arch).target(), format,
          AcceleratorFormats.bitPlane(format) ? unit : ComputeUnit.MAC);
      return new ModelEstimator(c, arch, unit, accounting.withAssumedWeightMix(DEFAULT_WEIGHT_MIX), groupCache,
          WeightAlphabet.TERNARY, null, projections);
    }
    return new ModelEstimator(c, arch, unit, accounting.withAssumedWeightMix(weightMixOf(format)), groupCache,
        AcceleratorFormats.alphabetOn(format, unit, arch.lutCore().variant()));
  }

  /**
   * The weight mix a timing-only run prices a format's projections with: binary weights are never 0, ternary
   * ones take {@link #DEFAULT_WEIGHT_MIX}.
   *
   * @throws IllegalArgumentException for a format the units cannot run ({@code AcceleratorFormats})
   */
  public static AssumedWeightMix weightMixOf(FormatPreset format) {
    return AcceleratorFormats.alphabet(format) == WeightAlphabet.BINARY
        ? new AssumedWeightMix(0, format.name() + ": binary weights are never 0") : DEFAULT_WEIGHT_MIX;
  }

  /** The full form: {@code alphabet} is the values the projections' weights take. */
  public ModelEstimator(ModelConfig c, ArchConfig arch, ComputeUnit unit, EnergyAccounting accounting,
      LayerGroupCache groupCache, WeightAlphabet alphabet) {
    this(c, arch, unit, accounting, groupCache, alphabet, null);
  }

  private ModelEstimator(ModelConfig c, ArchConfig arch, ComputeUnit unit, EnergyAccounting accounting,
      LayerGroupCache groupCache, WeightAlphabet alphabet, FormatPreset signAdd) {
    this(c, arch, unit, accounting, groupCache, alphabet, signAdd, null);
  }

  private ModelEstimator(ModelConfig c, ArchConfig arch, ComputeUnit unit, EnergyAccounting accounting,
      LayerGroupCache groupCache, WeightAlphabet alphabet, FormatPreset signAdd, StandaloneProjections standalone) {
    if (!accounting.arch().equals(arch)) {
      throw new IllegalArgumentException("energy accounting is for arch '" + accounting.arch().name()
          + "', the estimate for arch '" + arch.name() + "'");
    }
    AccumulatorWidth.require(c, arch);
    this.c = c;
    this.arch = arch;
    this.unit = unit;
    this.alphabet = java.util.Objects.requireNonNull(alphabet, "alphabet");
    this.runner = new SimulationRunner(arch);
    this.target = runner.target();
    this.accounting = accounting;
    this.groupCache = groupCache;
    this.signAdd = signAdd;
    this.standalone = standalone;
  }

  /** The projections' programs when the format lowers each projection to a program of its own. */
  public java.util.Optional<StandaloneProjections> standaloneProjections() {
    return java.util.Optional.ofNullable(standalone);
  }

  /** The format of the projections when they run on the sign-add path (fp16 activations). */
  public java.util.Optional<FormatPreset> signAddFormat() {
    return java.util.Optional.ofNullable(signAdd);
  }

  /**
   * The sign-add plans of one layer, from the format's quantizer on seeded latent weights (seed 1, tensor id = the
   * projection's ordinal, as the cross-check cases): the tiles and CSR sizes, and the zeros the energy needs, are the
   * real format's; every layer is estimated as this one.
   */
  private Map<LayerKind, FloatLinearPlan> signAddPlans() {
    if (signAddPlans == null) {
      Map<LayerKind, FloatLinearPlan> plans = new EnumMap<>(LayerKind.class);
      for (LayerKind k : LayerKind.projections()) {
        plans.put(k, FloatLinearPlan.of(signAdd.name(), FloatLinearCrossCheck.weights(signAdd, k.outFeatures(c),
            k.inFeatures(c), 1, k.ordinal())));
      }
      signAddPlans = plans;
    }
    return signAddPlans;
  }

  public IsaTarget target() {
    return target;
  }

  /** The accounting this estimator prices its groups with. */
  public EnergyAccounting accounting() {
    return accounting;
  }

  /** Decode of one token with {@code context} tokens cached, or prefill of {@code tokens} tokens. */
  public ModelEstimate estimate(LayerShape shape) {
    LayerResult layer = layer(shape);
    List<EstimateRow> rows = new ArrayList<>();
    List<GroupRun> groups = new ArrayList<>();
    addGroup(rows, groups, "embedding", 1, timingOnly(embeddingProgram(shape.tokens())), null);
    for (Map.Entry<LayerKind, Long> e : layer.groupCycles().entrySet()) {
      addGroup(rows, groups, e.getKey().label(), Math.multiplyExact(c.numLayers(), layer.repeats(e.getKey())),
          layer.groupRuns().get(e.getKey()), e.getValue() * c.numLayers());
    }
    addGroup(rows, groups, "final_norm", 1, timingOnly(finalNormProgram()), null);
    List<HostRun> hostRuns = new ArrayList<>();
    if (lmHeadOnHost()) {
      HostRun h = new HostRun("lm_head", new HostUnit(arch.host()).gemm(1, c.vocabSize(), c.hiddenSize()));
      hostRuns.add(h);
      rows.add(new EstimateRow("lm_head", h.timing().cyclesAt(arch.clockMhz()), 0.0));
    } else {
      addGroup(rows, groups, "lm_head", 1, timingOnly(LmHeadLowering.program(target, c.vocabSize(),
          c.hiddenSize(), TABLES_DRAM, LOGITS_DRAM, 1.0f)), null);
    }
    long total = rows.stream().mapToLong(EstimateRow::cycles).sum();
    return new ModelEstimate(rows, groups, total, arch.clockMhz(), shape.tokens(), layer.cycles(), layerCache.size(),
        layer.program().chunkTokens(), mapping(layer, shape), hostRuns);
  }

  /** The placement rule: the LM head runs on the host when the arch has one that lists it. */
  private boolean lmHeadOnHost() {
    return arch.host() != null && arch.host().runs(HostOp.LM_HEAD);
  }

  /**
   * One row and its priced group; {@code cycles} null means the group's standalone cycles (groups
   * outside the decoder layer run alone).
   */
  private void addGroup(List<EstimateRow> rows, List<GroupRun> groups, String label, int repeats,
      SimulationResult run, Long cycles) {
    GroupRun g = GroupRun.priced(label, repeats, run, accounting);
    groups.add(g);
    rows.add(new EstimateRow(label, cycles == null ? run.cycles() : cycles, g.energy().dynamicPj()));
  }

  /** One decoder layer of the call compiled and simulated (timing only), cached per shape. */
  public LayerResult layer(LayerShape shape) {
    if (shape.maxKeys() > dev.tritium.isa.Vec.MAX_IMM) {
      throw new IllegalArgumentException("context " + shape.maxKeys() + " exceeds the " + dev.tritium.isa.Vec.IMM_BITS
          + "-bit ROPE position field of VEC (" + dev.tritium.isa.Vec.MAX_IMM + ")");
    }
    return layerCache.computeIfAbsent(shape, s -> simulateLayer(s, s.maxKeys()));
  }

  public ArchConfig arch() {
    return arch;
  }

  public ModelConfig config() {
    return c;
  }

  public ComputeUnit unit() {
    return unit;
  }

  public WeightAlphabet alphabet() {
    return alphabet;
  }

  /**
   * With {@code attention.kv_placement: on_chip} every layer's cache at {@code capacity} positions must fit the
   * on-chip KV store ({@code buffers.kv}); a design where it does not is refused with the sizes.
   */
  private void requireKvStoreFits(int capacity) {
    if (!arch.attentionOrDefault().onChip()) {
      return;
    }
    long perLayer = new dev.tritium.mapper.attention.KvCacheLayout(0, c.numKvHeads(), capacity, c.headDim(),
        arch.attentionOrDefault().kvDatatype(), arch.attentionOrDefault().kvQuant()).bytes();
    long need = Math.multiplyExact(perLayer, (long) c.numLayers());
    long has = arch.buffer("kv").sizeBytes();
    if (need > has) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "the KV cache of %s at %d positions (%d layers x"
          + " %,d bytes = %,d bytes) does not fit arch '%s''s on-chip KV store (buffers.kv: %,d bytes); shorten the"
          + " context, enlarge buffers.kv or keep the cache in DRAM (attention.kv_placement: dram)", c.name(),
          capacity, c.numLayers(), perLayer, need, arch.name(), has));
    }
  }

  /** How this estimate stores and runs the projections. */
  public ProjectionLowering projections() {
    return new ProjectionLowering(target, unit, alphabet);
  }

  private LayerResult simulateLayer(LayerShape shape, int cacheCapacity) {
    requireKvStoreFits(cacheCapacity);
    if (standalone != null) {
      return composeLayer(shape, cacheCapacity);
    }
    ProjectionLowering p = projections();
    java.util.Optional<LayerFormats> formats;
    LayerProgram lp;
    if (signAdd == null) {
      formats = java.util.Optional.empty();
      lp = new LayerCompiler(c, target, unit, new LayerCompiler.LayerDram(c, p, shape.tokens(), cacheCapacity, 1L << 20,
          arch.attentionOrDefault(), 0), Map.of()).compile(shape);
    } else {
      LayerCompiler.Compiled compiled = LayerCompiler.compileFormatLayer(c, target, unit, signAdd.name(),
          signAddPlans(), shape, f -> new LayerCompiler.LayerDram(c, p, shape.tokens(), cacheCapacity, 1L << 20,
              arch.attentionOrDefault(), 0, java.util.Optional.of(f)));
      formats = compiled.dram().formats();
      lp = compiled.program();
    }
    SimulationResult whole = withFloatSplit(timingOnly(lp.program()), LayerKind.projections(), shape, formats);
    Map<LayerKind, Long> raw = new EnumMap<>(LayerKind.class);
    Map<LayerKind, SimulationResult> runs = new EnumMap<>(LayerKind.class);
    for (Map.Entry<LayerKind, List<Instruction>> e : lp.groupPrograms().entrySet()) {
      SimulationResult r = withFloatSplit(timingOnly(e.getValue()),
          e.getKey().isProjection() ? List.of(e.getKey()) : List.of(), shape, formats);
      raw.put(e.getKey(), r.cycles());
      runs.put(e.getKey(), r);
    }
    return new LayerResult(lp, whole, whole.cycles(), scaleTo(raw, whole.cycles()), runs);
  }

  /**
   * A layer whose projections are programs of their own: the operators between them compiled as one program (its
   * groups' cycles scaled to that program's run, as for every layer), and each projection's program simulated alone
   * and added whole. The projections' programs load their input from DRAM and store their output there, and nothing
   * overlaps them with the rest of the layer, so the layer's cycles are an upper bound of a fused lowering's.
   */
  private LayerResult composeLayer(LayerShape shape, int cacheCapacity) {
    ProjectionLowering p = projections();
    LayerProgram lp = new LayerCompiler(c, target, unit, LayerCompiler.LayerDram.projectionsOutside(c, p,
        shape.tokens(), cacheCapacity, 1L << 20, arch.attentionOrDefault(), 0), Map.of()).compile(shape);
    SimulationResult rest = timingOnly(lp.program());
    Map<LayerKind, Long> raw = new EnumMap<>(LayerKind.class);
    Map<LayerKind, SimulationResult> runs = new EnumMap<>(LayerKind.class);
    for (Map.Entry<LayerKind, List<Instruction>> e : lp.groupPrograms().entrySet()) {
      if (!e.getKey().isProjection()) {
        SimulationResult r = timingOnly(e.getValue());
        raw.put(e.getKey(), r.cycles());
        runs.put(e.getKey(), r);
      }
    }
    Map<LayerKind, Long> cycles = scaleTo(raw, rest.cycles());
    Map<LayerKind, Integer> repeats = new EnumMap<>(LayerKind.class);
    long total = rest.cycles();
    for (LayerKind k : LayerKind.projections()) {
      StandaloneProjections.Chunked chunked = standalone.chunked(k, shape.tokens());
      SimulationResult r = timingOnly(chunked.program());
      long projectionCycles = Math.multiplyExact(r.cycles(), (long) chunked.repeats());
      runs.put(k, r);
      repeats.put(k, chunked.repeats());
      cycles.put(k, projectionCycles);
      total = Math.addExact(total, projectionCycles);
    }
    return new LayerResult(lp, rest, total, cycles, runs, repeats);
  }

  /**
   * Per-group cycles of standalone runs scaled so that they sum to {@code whole} (the overlapped run of them all);
   * the rounding remainder goes to the largest group.
   */
  private static Map<LayerKind, Long> scaleTo(Map<LayerKind, Long> raw, long whole) {
    long rawSum = raw.values().stream().mapToLong(Long::longValue).sum();
    Map<LayerKind, Long> scaled = new EnumMap<>(LayerKind.class);
    long assigned = 0;
    LayerKind largest = null;
    for (Map.Entry<LayerKind, Long> e : raw.entrySet()) {
      long v = Math.round((double) e.getValue() * whole / Math.max(1, rawSum));
      scaled.put(e.getKey(), v);
      assigned += v;
      if (largest == null || v > scaled.get(largest)) {
        largest = e.getKey();
      }
    }
    if (largest != null) {
      scaled.merge(largest, whole - assigned, Long::sum);
    }
    return scaled;
  }

  /**
   * A timing-only run knows how many GEMM.SF pairs ran but not which weights were zero; the plans do: per token,
   * each projection's nonzero plane weights, plus its group sums (one add per input per row tile) for a format with
   * a shift. The run's float-array counts become that split, so the energy prices zeros as the arch's zero_skip says.
   */
  private SimulationResult withFloatSplit(SimulationResult r, List<LayerKind> kinds, LayerShape shape,
      java.util.Optional<LayerFormats> formats) {
    if (formats.isEmpty() || r.counts().floatArray().pairs() == 0) {
      return r;
    }
    long nonzero = 0;
    for (LayerKind k : kinds) {
      FloatLinearPlan plan = signAddPlans().get(k);
      for (FloatLinearPlan.SignPlane pl : plan.planes()) {
        for (byte b : pl.values()) {
          nonzero += b != 0 ? 1 : 0;
        }
      }
      if (plan.shift().isPresent()) {
        int rows = formats.get().tiles(k).tileRows();
        nonzero += (long) plan.cols() * ((plan.rows() + rows - 1) / rows);
      }
    }
    long pairs = r.counts().floatArray().pairs();
    long adds = Math.min(pairs, nonzero * shape.tokens());
    ActionCounts c0 = r.counts();
    ActionCounts resolved = new ActionCounts(c0.macArray(), c0.lutPairs(), c0.lut(), c0.int8Macs(), c0.fp32Ops(),
        c0.traffic(), new TernaryPairCounts(pairs, adds, 0, pairs - adds, 0, CountSource.EXECUTED), c0.codeArray(),
        c0.maskDecodes(), c0.intArray(), c0.bitPlane());
    return new SimulationResult(r.stats(), resolved);
  }

  private SimulationResult timingOnly(List<Instruction> program) {
    return groupCache == null ? runner.timingOnly(program) : groupCache.timingOnly(runner, program);
  }

  /** The embedding gather: one DMA row per token (fp32 copy of the table, hidden x 4 bytes). */
  private List<Instruction> embeddingProgram(int tokens) {
    ProgramBuilder pb = new ProgramBuilder();
    List<Load> loads = new ArrayList<>();
    long rowBytes = 4L * c.hiddenSize();
    int perLoad = (int) Math.max(1, Math.min(tokens, target.vecBytes() / rowBytes));
    for (int t = 0; t < tokens; t++) {
      loads.add(new Load(Deps.NONE, Buffer.VEC, (t % perLoad) * rowBytes, TABLES_DRAM + (long) (t * 7919 % c.vocabSize())
          * rowBytes, 1, (int) rowBytes, 0));
    }
    pb.loads(loads);
    return pb.finish();
  }

  private List<Instruction> finalNormProgram() {
    ProgramBuilder pb = new ProgramBuilder();
    long gain = 4L * c.hiddenSize();
    pb.add(Cfg.ofFloat(Deps.NONE, CfgReg.RMSNORM_EPS, (float) c.rmsNormEps()));
    pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, gain, TABLES_DRAM, 1, (int) gain, 0)));
    pb.add(new Vec(Deps.NONE, VecOp.RMSNORM, 0, 0, gain, 1, c.hiddenSize(), 0));
    return pb.finish();
  }

  private String mapping(LayerResult layer, LayerShape shape) {
    ProjectionLowering p = projections();
    StringBuilder sb = new StringBuilder();
    if (standalone != null) {
      sb.append(String.format(Locale.ROOT, "projections: %s, %s; each projection is its own program (input loaded"
          + " from DRAM, output stored to DRAM, as its bit-exact cross-check runs it) simulated alone and added to the"
          + " layer's other operators (one program of %d instructions, %d tokens per chunk), no overlap between them;"
          + " reused for all %d layers%n", standalone.format().name(), standalone.datapath(),
          layer.program().program().size(), layer.program().chunkTokens(), c.numLayers()));
      for (LayerKind k : LayerKind.projections()) {
        if (layer.repeats(k) > 1) {
          sb.append(String.format(Locale.ROOT, "  %s: %d tokens do not fit its program's buffers at once: %d programs"
              + " of %d tokens in sequence%n", k.label(), shape.tokens(), layer.repeats(k),
              shape.tokens() / layer.repeats(k)));
        }
      }
    } else if (signAdd != null) {
      sb.append(String.format(Locale.ROOT, "projections: %s %s; one decoder layer compiled (%d instructions, %d tokens"
          + " per chunk) and reused for all %d layers%n", signAdd.name(), unit == ComputeUnit.LUT
              ? "on the lut_core's fp16 tables (fp16 activations, LUT.BUILD.F16 / LUT.GEMM.F16 on fp32 adders, weights"
                  + " tiled per projection)"
              : "on the mac_array's sign-add path (fp16 activations, GEMM.SF on fp32 adders, weights tiled per"
                  + " projection)", layer.program().program().size(),
          layer.program().chunkTokens(), c.numLayers()));
    } else {
      sb.append(String.format(Locale.ROOT, "projections: %s unit, weights packed %s; one decoder layer compiled"
          + " (%d instructions, %d tokens per chunk) and reused for all %d layers%n", unit, p.packing().modelsName(),
          layer.program().program().size(), layer.program().chunkTokens(), c.numLayers()));
    }
    String where = arch.attentionOrDefault().onChip() ? "in the on-chip KV store (buffers.kv)" : "in DRAM";
    java.util.Optional<AttentionConfig.KvQuant> kvQuant = arch.attentionOrDefault().kvQuant();
    if (kvQuant.isPresent()) {
      AttentionConfig.KvQuant q = kvQuant.get();
      dev.tritium.mapper.attention.KvCacheLayout kv = new dev.tritium.mapper.attention.KvCacheLayout(0,
          c.numKvHeads(), 1, c.headDim(), AttentionConfig.KvDatatype.FP16, kvQuant);
      sb.append(String.format(Locale.ROOT, "attention: KV cache int%d per group of %d, asymmetric (fp16 step and zero"
          + " point per group), %d bytes a token's K or V row of %d values%s %s; VEC.KV_QUANT on append, VEC.KV_DEQUANT"
          + " to fp16 on attend, then fp16 GEMM.F16 on the %d vector lanes (fp32 sums), softmax fp32%n", q.bits(),
          kv.codes().group(), kv.recordBytes(), kv.kvDim(), q.pivots() > 0 ? String.format(Locale.ROOT,
              ", the first %d position(s) fp16 (IntactKV pivots)", q.pivots()) : "", where,
          arch.vectorUnit().lanes()));
    } else if (arch.attentionOrDefault().kvDatatype() == AttentionConfig.KvDatatype.FP16) {
      sb.append(String.format(Locale.ROOT, "attention: fp16 GEMM.F16 on the %d vector lanes (fp32 sums), KV cache fp16 %s"
          + " (2 bytes a value, no scales); q and probabilities rounded to fp16; softmax fp32 on the vector unit%n",
          arch.vectorUnit().lanes(), where));
    } else {
      sb.append("attention: int8 GEMM.I8 on the MAC array (" + (arch.macArray().int8Multipliers() ? "int8 multipliers"
          : "bit-serial") + "), KV cache int8 " + where + " with per-token, per-kv-head inverse scales; softmax fp32 on"
          + " the vector unit\n");
    }
    sb.append(String.format(Locale.ROOT, "embedding: DMA gather of %d fp32 row(s) of %d bytes%n", shape.tokens(),
        4 * c.hiddenSize()));
    if (lmHeadOnHost()) {
      HostConfig h = arch.host();
      HostTiming t = new HostUnit(h).gemm(1, c.vocabSize(), c.hiddenSize());
      sb.append(String.format(Locale.ROOT, "lm_head: %d x %d on the host CPU (host.runs; %d cores x %.0f MHz x %d"
          + " MACs/cycle, %d-bit weights at %.1f GB/s): %.3f ms compute, %.3f ms memory, + %.3f ms hand-off = %.3f ms"
          + " per call, %s; host energy is not modelled%n", c.vocabSize(), c.hiddenSize(), h.cores(), h.clockMhz(),
          h.macsPerCyclePerCore(), h.weightBits(), h.dramBandwidthGBps(), t.computeUs() / 1000, t.memoryUs() / 1000,
          t.handoffUs() / 1000, t.totalUs() / 1000, t.bound()));
      sb.append(layer.program().describe());
      return sb.toString();
    }
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
