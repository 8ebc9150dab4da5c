package dev.tritium.mapper.schedule;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.Store;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.attention.AttentionLowering;
import dev.tritium.simulator.config.AttentionConfig;
import dev.tritium.simulator.config.AttentionConfig.KvDatatype;
import dev.tritium.mapper.attention.KvCacheLayout;
import dev.tritium.mapper.attention.QkRotation;
import dev.tritium.mapper.fp16act.FloatLinearLowering;
import dev.tritium.mapper.fp16act.FloatLinearPlan;
import dev.tritium.mapper.fp16act.LayerFormats;
import dev.tritium.mapper.graph.DecoderGraph;
import dev.tritium.mapper.graph.DecoderGraphBuilder;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.graph.OpNode;
import dev.tritium.mapper.graph.Tensor;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles one decoder layer (graph, schedule, buffer plan, ISA program) for a model, a target and
 * a phase. Prefill is processed in chunks of tokens: the largest chunk (halving from M) whose plan
 * fits the buffers; each chunk reads its residual rows from DRAM and writes them back, while decode
 * keeps the residual stream on chip at VEC address 0 across layers.
 */
public final class LayerCompiler {

  private final ModelConfig c;
  private final IsaTarget target;
  private final ProjectionLowering projections;
  private final LayerDram dram;
  private final Map<LayerKind, Float> weightScales;

  /**
   * @param weightScales s_w per projection (functional runs); absent kinds get 1.0 (timing only)
   */
  public LayerCompiler(ModelConfig c, IsaTarget target, ComputeUnit unit, LayerDram dram,
      Map<LayerKind, Float> weightScales) {
    this.c = c;
    this.target = target;
    // The lowering that laid out the weights in DRAM is the one that compiles them (packing and alphabet agree).
    this.projections = dram.projections();
    if (projections.unit() != unit) {
      throw new IllegalArgumentException("the DRAM layout is for the " + projections.unit() + " unit, not " + unit);
    }
    this.dram = dram;
    this.weightScales = Map.copyOf(weightScales);
  }

  public ProjectionLowering projections() {
    return projections;
  }

  /** A compiled layer and the DRAM layout it was compiled for. */
  public record Compiled(LayerDram dram, LayerProgram program) {}

  /** Shares of VEC tried for the format projections' scratch, largest first (larger tiles, fewer of them). */
  private static final double[] SCRATCH_SHARES = {0.5, 0.4, 0.3, 0.2, 0.12, 0.06};

  /**
   * A layer whose projections are in a format with fp16 activations: the most tokens per chunk, then the largest
   * share of VEC for its projections' scratch (from half the buffer down) that leaves the layer's own tensors room.
   *
   * @param dramFor the layer's DRAM layout for a tiling of the projections
   * @throws IllegalArgumentException with the last reason when no share fits
   */
  public static Compiled compileFormatLayer(ModelConfig c, IsaTarget target, ComputeUnit unit, String format,
      Map<LayerKind, FloatLinearPlan> plans, LayerShape shape,
      java.util.function.Function<LayerFormats, LayerDram> dramFor) {
    FloatLinearLowering lowering = new FloatLinearLowering(target, unit);
    IllegalArgumentException last = null;
    // Most tokens per chunk first (each chunk streams the weights once), then the largest scratch.
    for (int cap = shape.tokens(); cap >= 1; cap = cap == 1 ? 0 : (cap + 1) / 2) {
      for (double share : SCRATCH_SHARES) {
        LayerFormats formats;
        try {
          formats = LayerFormats.of(lowering, format, plans, cap, (long) (target.vecBytes() * share));
        } catch (IllegalArgumentException e) {
          last = e;
          continue;
        }
        try {
          LayerDram dram = dramFor.apply(formats);
          return new Compiled(dram, new LayerCompiler(c, target, unit, dram, Map.of()).compile(shape));
        } catch (IllegalArgumentException e) {
          last = e;
        }
      }
    }
    throw new IllegalArgumentException("decoder layer of " + c.name() + " in " + format + " does not fit arch '"
        + target.name() + "' (VEC " + target.vecBytes() + " bytes for the layer's tensors and the projections'"
        + " scratch): " + last.getMessage());
  }

  /**
   * The whole layer per chunk of tokens (the largest chunk, halving from M, whose plan fits), or for
   * prefill the phased compilation ({@link StreamedLayerCompiler}) when it fits a larger chunk.
   */
  public LayerProgram compile(LayerShape shape) {
    IllegalArgumentException last = null;
    LayerProgram whole = null;
    int first = dram.formats().map(f -> Math.min(f.maxTokens(), shape.tokens())).orElse(shape.tokens());
    for (int chunk = first; chunk >= 1 && whole == null; chunk = chunk == 1 ? 0 : (chunk + 1) / 2) {
      try {
        whole = compile(shape, chunk);
      } catch (IllegalArgumentException e) {
        last = e;
      }
    }
    // The phased prefill streams ternary projections through ACT; format projections run in whole chunks only.
    if (shape.tokens() > 1 && !dram.fp32Projections() && (whole == null || whole.chunkTokens() < shape.tokens())) {
      StreamedLayerCompiler phased = new StreamedLayerCompiler(c, target, projections, dram, weightScales);
      int largest = phased.largestChunk(shape);
      if (largest > (whole == null ? 0 : whole.chunkTokens())) {
        // as many chunks as the largest one needs, of equal size (128 tokens at most 69: two of 64)
        int chunks = (shape.tokens() + largest - 1) / largest;
        return phased.compile(shape, (shape.tokens() + chunks - 1) / chunks);
      }
    }
    if (whole == null) {
      throw new IllegalArgumentException("decoder layer of " + c.name() + " does not fit arch '" + target.name()
          + "' even one token at a time: " + last.getMessage());
    }
    return whole;
  }

  private LayerProgram compile(LayerShape shape, int chunkTokens) {
    boolean chunked = chunkTokens < shape.tokens();
    int maxN = Math.max(c.intermediateSize(), Math.max(c.qDim(), c.hiddenSize()));
    long onesBytes = 4L * 2 * chunkTokens * c.numKvHeads();
    long accScratch = target.accBytes() - onesBytes;
    int group = c.numHeads() / c.numKvHeads();
    boolean formatLayer = dram.fp32Projections();
    long accNeed = Math.max(formatLayer ? 0 : ProjectionLowering.accBytes(chunkTokens, maxN),
        4L * group * Math.max(shape.maxKeys(), c.headDim()));
    if (accNeed > accScratch) {
      throw new IllegalArgumentException("ACC needs " + accNeed + " bytes, has " + accScratch);
    }
    if (!formatLayer) {
      projections.requireLowerable(chunkTokens, maxN);
    }
    // Format projections keep their scratch at the top of VEC, above every tensor of the layer.
    long vecForTensors = target.vecBytes() - dram.formats().map(LayerFormats::vecScratchBytes).orElse(0L);
    List<DecoderGraph> graphs = new ArrayList<>();
    List<BufferPlan> plans = new ArrayList<>();
    ProgramBuilder whole = new ProgramBuilder();
    Map<LayerKind, ProgramBuilder> groups = new EnumMap<>(LayerKind.class);
    List<ProbeSite> sites = new ArrayList<>();
    prologue(whole, onesBytes, accScratch);
    for (int t0 = 0; t0 < shape.tokens(); t0 += chunkTokens) {
      int tokens = Math.min(chunkTokens, shape.tokens() - t0);
      LayerShape s = new LayerShape(shape.start() + t0, tokens);
      DecoderGraph g = DecoderGraphBuilder.build(c, s, dram.cache().dtype(), formatLayer, dram.cache().quant());
      List<Step> steps = Scheduler.schedule(g);
      BufferPlan plan = BufferAllocator.allocate(steps,
          new BufferAllocator.Options(vecForTensors, target.actBytes(), chunked, chunked));
      graphs.add(g);
      plans.add(plan);
      for (int i = 0; i < steps.size(); i++) {
        LayerKind kind = steps.get(i).nodes().get(0).group();
        ProgramBuilder gp = groups.computeIfAbsent(kind, k -> {
          ProgramBuilder b = new ProgramBuilder();
          prologue(b, onesBytes, accScratch);
          return b;
        });
        emitStep(whole, g, plan, i, t0, accScratch, sites);
        emitStep(gp, g, plan, i, t0, accScratch, null);
      }
    }
    Map<LayerKind, List<Instruction>> groupPrograms = new EnumMap<>(LayerKind.class);
    groups.forEach((k, b) -> groupPrograms.put(k, b.finish()));
    return new LayerProgram(chunkTokens, graphs, plans, whole.finish(), groupPrograms, sites, false);
  }

  private void prologue(ProgramBuilder pb, long onesBytes, long onesAddr) {
    prologue(pb, c, dram, onesBytes, onesAddr);
  }

  /** Fixed registers, and the int32 ones that turn KV scales into inverse scales. */
  static void prologue(ProgramBuilder pb, ModelConfig c, LayerDram dram, long onesBytes, long onesAddr) {
    pb.add(Cfg.ofFloat(Deps.NONE, CfgReg.RMSNORM_EPS, (float) c.rmsNormEps()));
    pb.add(new Cfg(Deps.NONE, CfgReg.ROPE_HEAD_DIM, c.headDim()));
    pb.add(Cfg.ofFloat(Deps.NONE, CfgReg.ROPE_THETA, (float) c.ropeTheta()));
    pb.loads(List.of(new Load(Deps.NONE, Buffer.ACC, onesAddr, dram.onesAddr(), 1, (int) onesBytes, 0)));
  }

  /** Emits step i of a chunk; records probe sites when {@code sites} is not null (the whole program). */
  private void emitStep(ProgramBuilder pb, DecoderGraph g, BufferPlan plan, int i, int t0, long accAddr,
      List<ProbeSite> sites) {
    Step step = plan.steps().get(i);
    List<Load> reloads = new ArrayList<>();
    List<Store> spills = new ArrayList<>();
    for (Spill s : plan.spillsBefore(i)) {
      Tensor t = tensorNamed(step, plan, i, s.tensor());
      if (s.kind() == Spill.Kind.RELOAD) {
        reloads.add(new Load(Deps.NONE, s.buffer(), plan.address(i, t), home(t, t0, g), 1, (int) s.bytes(), 0));
      } else if (!s.reason().equals("layer output to DRAM")) {
        spills.add(new Store(Deps.NONE, s.buffer(), spillAddress(plan, i, t), home(t, t0, g), 1, (int) s.bytes(), 0));
      }
    }
    pb.stores(spills);
    pb.loads(reloads);
    OpNode n = step.nodes().get(0);
    LayerShape shape = g.shape();
    int m = shape.tokens();
    switch (n.kind()) {
      case LAYER_INPUT -> { }
      case LAYER_OUTPUT -> {
        Tensor out = n.inputs().get(0);
        long at = plan.address(i, out);
        if (plan.spillsBefore(i).stream().anyMatch(s -> s.reason().equals("layer output to DRAM"))) {
          pb.stores(List.of(new Store(Deps.NONE, Buffer.VEC, at, home(out, t0, g), 1, (int) out.bytes(), 0)));
        } else if (at != 0) {
          pb.add(new Vec(Deps.NONE, VecOp.COPY, 0, at, 0, out.rows(), out.cols(), 0));
        }
      }
      case RMSNORM -> {
        Tensor gain = step.scratch().get(0);
        pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, plan.address(i, gain), dram.gainAddr(n.name()), 1,
            (int) gain.bytes(), 0)));
        Tensor x = n.inputs().get(0);
        Vec norm = new Vec(Deps.NONE, VecOp.RMSNORM, plan.address(i, n.output()), plan.address(i, x),
            plan.address(i, gain), x.rows(), x.cols(), 0);
        observeAttention(sites, x, t0, norm);
        pb.add(norm);
      }
      case QUANT -> {
        Tensor x = n.inputs().get(0);
        Vec quant = new Vec(Deps.NONE, VecOp.QUANT, plan.address(i, n.outputs().get(0)), plan.address(i, x),
            plan.address(i, n.outputs().get(1)), x.rows(), x.cols(), 0);
        observeAttention(sites, x, t0, quant);
        pb.add(quant);
      }
      case QUANT_Q -> pb.add(new AttentionLowering(c, dram.cache()).quantizeQ(plan.address(i, n.outputs().get(0)),
          plan.address(i, n.inputs().get(0)), plan.address(i, n.outputs().get(1)), m * c.numHeads()));
      case BITLINEAR -> {
        LayerKind kind = n.projection();
        long act = plan.address(i, n.inputs().get(0));
        long scales = plan.address(i, n.inputs().get(1));
        long out = plan.address(i, n.output());
        Vec dequant = projections.emit(pb, m, kind.outFeatures(c), kind.inFeatures(c), dram.weightAddr(kind),
            kind.outFeatures(c), 0, weightScales.getOrDefault(kind, 1.0f), act, scales, out, 0);
        if (sites != null) {
          sites.add(new ProbeSite.Projection(kind, t0, m, 0, kind.outFeatures(c), kind.inFeatures(c), act, scales, 0,
              out, dequant));
        }
      }
      case FORMAT_LINEAR -> {
        if (dram.projectionsOutside()) {
          // The projection is a program of its own (StandaloneProjections), simulated apart from this one.
          return;
        }
        LayerKind kind = n.projection();
        LayerFormats f = dram.formats().orElseThrow();
        long out = plan.address(i, n.output());
        Tensor x = n.inputs().get(0);
        FloatLinearLowering.Emitted e = new FloatLinearLowering(target, projections.unit()).emitInto(pb, f.tiles(kind),
            dram.weightAddr(kind), m, plan.address(i, x), out, target.vecBytes() - f.vecScratchBytes());
        // Without sub-layer norms o_proj is the attention output's first reader (its fp16 rounding).
        observeAttention(sites, x, t0, e.firstRead());
        if (sites != null) {
          for (FloatLinearLowering.OutputBlock b : e.blocks()) {
            sites.add(new ProbeSite.FormatProjection(kind, t0, m, b.r0(), b.rows(), kind.outFeatures(c), out,
                (Vec) b.trigger()));
          }
        }
      }
      case ROPE -> {
        Tensor x = n.inputs().get(0);
        pb.add(new Vec(Deps.NONE, VecOp.ROPE, plan.address(i, n.output()), plan.address(i, x), 0, x.rows(),
            x.cols(), shape.start()));
        QkRotation.emit(pb, c, plan.address(i, n.output()), x.rows(), x.cols());
      }
      case KV_APPEND -> {
        List<Tensor> sc = step.scratch();
        new AttentionLowering(c, dram.cache()).emitAppend(pb, shape.start(), m, new AttentionLowering.AppendBuffers(
            plan.address(i, n.inputs().get(0)), plan.address(i, n.inputs().get(1)), plan.address(i, sc.get(0)),
            plan.address(i, sc.get(1)), plan.address(i, sc.get(2)), accAddr));
      }
      case QK -> {
        OpNode qk = step.nodes().get(0);
        OpNode soft = step.nodes().get(1);
        OpNode pv = step.nodes().get(2);
        List<Tensor> sc = step.scratch();
        new AttentionLowering(c, dram.cache()).emitAttend(pb, shape.start(), m, new AttentionLowering.AttendBuffers(
            plan.address(i, qk.inputs().get(0)), plan.address(i, qk.inputs().get(1)),
            plan.address(i, qk.output()), plan.address(i, soft.outputs().get(0)),
            plan.address(i, soft.outputs().get(1)), plan.address(i, sc.get(0)), plan.address(i, sc.get(1)),
            plan.address(i, sc.get(2)), plan.address(i, sc.get(3)), plan.address(i, pv.output()), 0));
      }
      case GATE_ACT -> pb.add(new Vec(Deps.NONE, c.activation() == dev.tritium.models.config.Activation.RELU2
          ? VecOp.GATE_RELU2 : VecOp.GATE_SILU, plan.address(i, n.output()), plan.address(i, n.inputs().get(0)),
          plan.address(i, n.inputs().get(1)), n.output().rows(), n.output().cols(), 0));
      case RESIDUAL_ADD -> pb.add(new Vec(Deps.NONE, VecOp.ADD, plan.address(i, n.output()),
          plan.address(i, n.inputs().get(0)), plan.address(i, n.inputs().get(1)), n.output().rows(),
          n.output().cols(), 0));
      default -> throw new IllegalStateException("no lowering for " + n.kind());
    }
  }

  /** The attention output is observed at the first instruction that reads it (sub-norm, or quantization for o_proj). */
  private static void observeAttention(List<ProbeSite> sites, Tensor x, int t0, Vec reader) {
    if (sites != null && x.name().equals("attn")) {
      sites.add(new ProbeSite.AttentionOutput(t0, x.rows(), x.cols(), reader.srcAAddr(), reader));
    }
  }

  /** Where a spilled tensor lives in DRAM: the residual stream rows of this chunk, or a spill slot. */
  private long home(Tensor t, int t0, DecoderGraph g) {
    if (t.name().equals("h") || t.name().equals("h_out")) {
      return dram.residualAddr(t.name().equals("h"), t0);
    }
    return dram.spillAddr(t.name(), t.bytes());
  }

  private static long spillAddress(BufferPlan plan, int i, Tensor t) {
    // A victim is evicted before step i; its address is the one it had at its last step.
    for (int j = i; j >= 0; j--) {
      Long a = plan.addresses().get(j).get(t);
      if (a != null) {
        return a;
      }
    }
    throw new IllegalStateException("spilled tensor " + t.name() + " was never on chip");
  }

  private static Tensor tensorNamed(Step step, BufferPlan plan, int i, String name) {
    for (int j = i; j >= 0; j--) {
      for (Tensor t : plan.addresses().get(j).keySet()) {
        if (t.name().equals(name)) {
          return t;
        }
      }
    }
    for (Tensor t : step.externalInputs()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalStateException("no tensor " + name);
  }

  /** DRAM addresses of one layer's data (weights, gains, KV cache, residual rows, spill slots, constants). */
  public static final class LayerDram {
    private final ProjectionLowering projections;
    private final java.util.Optional<LayerFormats> formats;
    private final boolean outside;
    private final Map<LayerKind, Long> weights = new EnumMap<>(LayerKind.class);
    private final Map<String, Long> gains = new HashMap<>();
    private final Map<String, Long> spills = new HashMap<>();
    private final KvCacheLayout cache;
    private final long residualIn;
    private final long residualOut;
    private final long ones;
    private final int hidden;
    private long next;

    /** A layout at the default base with an int8 KV cache in DRAM. */
    public LayerDram(ModelConfig c, ProjectionLowering p, int maxTokens, int cacheCapacity) {
      this(c, p, maxTokens, cacheCapacity, 1L << 20, AttentionConfig.DEFAULT, 0);
    }

    /**
     * A layout starting at {@code base} (layers of one program each get their own region) with the KV cache
     * {@code attention} describes: its datatype, and in DRAM here or, with {@code kv_placement: on_chip}, at
     * {@code kvStoreOffset} in the on-chip KV store's window ({@code IsaTarget.KV_STORE_BASE}).
     */
    public LayerDram(ModelConfig c, ProjectionLowering p, int maxTokens, int cacheCapacity, long base,
        AttentionConfig attention, long kvStoreOffset) {
      this(c, p, maxTokens, cacheCapacity, base, attention, kvStoreOffset, java.util.Optional.empty());
    }

    /**
     * As above, for a layer whose projections are in a weight format with fp16 activations when {@code formats} is
     * present: each projection's tiles take its weight region (planes, scales and CSR blocks, laid out tile by tile).
     */
    public LayerDram(ModelConfig c, ProjectionLowering p, int maxTokens, int cacheCapacity, long base,
        AttentionConfig attention, long kvStoreOffset, java.util.Optional<LayerFormats> formats) {
      this(c, p, maxTokens, cacheCapacity, base, attention, kvStoreOffset, formats, false);
    }

    /**
     * A layout for a layer whose projections run as programs of their own (weight formats lowered standalone, whose
     * estimate composes the projections' runs with this layer's): the layer's program holds only the operators
     * between the projections, which read and write fp32 tensors as for a format with fp16 activations, and the
     * projections take no weight region here.
     */
    public static LayerDram projectionsOutside(ModelConfig c, ProjectionLowering p, int maxTokens, int cacheCapacity,
        long base, AttentionConfig attention, long kvStoreOffset) {
      return new LayerDram(c, p, maxTokens, cacheCapacity, base, attention, kvStoreOffset, java.util.Optional.empty(),
          true);
    }

    private LayerDram(ModelConfig c, ProjectionLowering p, int maxTokens, int cacheCapacity, long base,
        AttentionConfig attention, long kvStoreOffset, java.util.Optional<LayerFormats> formats, boolean outside) {
      KvDatatype kv = attention.kvDatatype();
      this.projections = p;
      this.formats = formats;
      this.outside = outside;
      next = base;
      for (LayerKind k : LayerKind.projections()) {
        weights.put(k, bump(outside ? 0 : formats.isPresent() ? formats.get().tiles(k).dramBytes()
            : p.weightBytes(k.outFeatures(c), k.inFeatures(c))));
      }
      for (String norm : List.of("attn_norm", "attn_sub_norm", "ffn_norm", "ffn_sub_norm")) {
        gains.put(norm, bump(4L * Math.max(c.hiddenSize(), Math.max(c.qDim(), c.intermediateSize()))));
      }
      long cacheBytes = new KvCacheLayout(0, c.numKvHeads(), cacheCapacity, c.headDim(), kv, attention.kvQuant())
          .bytes();
      long cacheBase = attention.onChip() ? IsaTarget.KV_STORE_BASE + kvStoreOffset : bump(cacheBytes);
      cache = new KvCacheLayout(cacheBase, c.numKvHeads(), cacheCapacity, c.headDim(), kv, attention.kvQuant());
      hidden = c.hiddenSize();
      residualIn = bump(4L * maxTokens * hidden);
      residualOut = bump(4L * maxTokens * hidden);
      ones = bump(8L * maxTokens * c.numKvHeads());
    }

    private long bump(long bytes) {
      long at = next;
      next += (bytes + 63) / 64 * 64;
      return at;
    }

    public long weightAddr(LayerKind k) {
      return weights.get(k);
    }

    /** The fp16-activation projections' tiles, when the layer's projections are in such a format. */
    public java.util.Optional<LayerFormats> formats() {
      return formats;
    }

    /** Whether the projections run as programs of their own, outside this layer's program. */
    public boolean projectionsOutside() {
      return outside;
    }

    /**
     * Whether the projections read the fp32 tensors (FORMAT_LINEAR nodes, no int8 QUANT): a format with fp16
     * activations, or projections outside the layer's program.
     */
    public boolean fp32Projections() {
      return outside || formats.isPresent();
    }

    /** The lowering whose packing sized the weights (the compiler lowers with it). */
    public ProjectionLowering projections() {
      return projections;
    }

    public long gainAddr(String norm) {
      return gains.get(norm);
    }

    public KvCacheLayout cache() {
      return cache;
    }

    public long residualAddr(boolean input, int token) {
      return (input ? residualIn : residualOut) + 4L * token * hidden;
    }

    public long onesAddr() {
      return ones;
    }

    public long spillAddr(String tensor, long bytes) {
      return spills.computeIfAbsent(tensor, k -> bump(bytes));
    }

    /** Bytes of DRAM the layout spans. */
    public long extentBytes() {
      return next;
    }
  }
}
