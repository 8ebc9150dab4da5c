package dev.tritium.mapper.schedule;

import dev.tritium.mapper.attention.KvCacheLayout;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.Store;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.attention.AttentionLowering;
import dev.tritium.mapper.attention.QkRotation;
import dev.tritium.mapper.graph.DecoderGraph;
import dev.tritium.mapper.graph.DecoderGraphBuilder;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.graph.OpKind;
import dev.tritium.mapper.graph.OpNode;
import dev.tritium.mapper.graph.Tensor;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.Activation;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Prefill in phases (mapper/README.md, "Prefill in phases"): a chunk of C tokens runs every
 * projection once with m = C (so each weight is read once per chunk and the MAC array's fill is
 * amortised over C tokens), tiled over N so that only a [C][n_block] block of int32 accumulators and
 * its fp32 output are on chip at a time; the output blocks go to DRAM. Between the projection
 * phases, vector phases run the norms, RoPE, KV append, attention, gating and residuals a few token
 * rows at a time (as many as VEC holds), reading their fp32 inputs from DRAM and leaving the int8
 * input of the next projection, all C rows, in ACT with its scales in VEC. The phases are read off the
 * decoder graph ({@link PrefillPhases}); each vector operator is lowered by its kind ({@code RowPass}) into
 * the pass layout {@link PassLayout} gives it, so this class holds no second description of the layer.
 * The extra DRAM traffic is the fp32 activations (a few hundred KB per token for 2B-4T), against
 * the packed weights read once per chunk instead of once per token.
 */
final class StreamedLayerCompiler {

  private static final long ALIGN = BufferAllocator.ALIGN_BYTES;

  private final ModelConfig c;
  private final IsaTarget target;
  private final ProjectionLowering projections;
  private final LayerCompiler.LayerDram dram;
  private final Map<LayerKind, Float> weightScales;
  private final int qDim;
  private final int hd;
  private final int group;
  private final int maxK;

  StreamedLayerCompiler(ModelConfig c, IsaTarget target, ProjectionLowering projections, LayerCompiler.LayerDram dram,
      Map<LayerKind, Float> weightScales) {
    this.c = c;
    this.target = target;
    this.projections = projections;
    this.dram = dram;
    this.weightScales = weightScales;
    this.qDim = c.qDim();
    this.hd = c.headDim();
    this.group = c.numHeads() / c.numKvHeads();
    this.maxK = Math.max(c.hiddenSize(), Math.max(qDim, c.intermediateSize()));
  }

  /** Bytes a vector phase needs in VEC for b token rows, after the scales region (its pass layout). */
  private long vecNeed(PrefillPhases.Rows phase, int b, int keys) {
    return PassLayout.of(phase, b, keys, 0, 0, c, dram.cache()).vecEnd();
  }

  /** ACT scratch the attention phase needs above the int8 projection input of C rows (fp16 values take 2 bytes). */
  private long actScratch(int b, int keys) {
    int e = dram.cache().valueBytes();
    KvCacheLayout k = dram.cache();
    KvCacheLayout.Scratch s = KvCacheLayout.scratch(k.kvHeads(), k.headDim(), k.dtype(), k.quant());
    return al(s.appendBytes(b)) + al((long) b * c.numHeads() * hd * e) + al((long) group * keys * e)
        + al(s.kSliceBytes(keys)) + al(s.vSliceBytes(keys));
  }

  private long onesBytes(int b) {
    return 8L * b * c.numKvHeads();
  }

  /** Rows per pass of a vector phase: the most that fit VEC (at least 1, else the chunk does not fit). */
  private int rowsPerPass(PrefillPhases.Rows phase, int chunk, int keys) {
    long budget = target.vecBytes() - al(4L * chunk);
    int b = chunk;
    while (b > 1 && vecNeed(phase, b, keys) > budget) {
      b = (b + 1) / 2;
    }
    if (vecNeed(phase, b, keys) > budget) {
      throw new IllegalArgumentException("vector phase " + phase.label() + " needs " + vecNeed(phase, b, keys)
          + " VEC bytes for one token row, has " + budget);
    }
    return b;
  }

  /** Rows per pass of the phase that runs attention (its ACT and ACC scratch scale with it). */
  private int attentionRowsPerPass(PrefillPhases phases, int chunk, int keys) {
    for (PrefillPhases.Phase p : phases.phases()) {
      if (p instanceof PrefillPhases.Rows r && r.hasAttention()) {
        return rowsPerPass(r, chunk, keys);
      }
    }
    throw new IllegalStateException("the decoder graph has no attention phase");
  }

  /** Output columns per projection block: ACC and VEC hold [C][n_block]; a multiple of the array's columns. */
  private int nBlock(int chunk, int n, int attentionRows) {
    long acc = (target.accBytes() - onesBytes(attentionRows)) / (4L * chunk);
    long vec = (target.vecBytes() - al(4L * chunk)) / (4L * chunk);
    long nb = Math.min(n, Math.min(acc, vec));
    int cols = projections.unit() == ComputeUnit.MAC ? target.macCols() : 1;
    if (nb >= cols) {
      nb = nb / cols * cols;
    }
    return (int) nb;
  }

  /** The largest chunk (tokens, <= M) whose phases fit; 0 when none does. */
  int largestChunk(LayerShape shape) {
    int keys = shape.maxKeys();
    // Which phases there are, and the widths in them, do not depend on the chunk's token count.
    PrefillPhases phases = PrefillPhases.of(DecoderGraphBuilder.build(c, shape, dram.cache().dtype(), false, dram.cache().quant()));
    for (int chunk = shape.tokens(); chunk >= 1; chunk--) {
      if (fits(chunk, keys, phases)) {
        return chunk;
      }
    }
    return 0;
  }

  private boolean fits(int chunk, int keys, PrefillPhases phases) {
    try {
      for (PrefillPhases.Phase p : phases.phases()) {
        if (p instanceof PrefillPhases.Rows r) {
          rowsPerPass(r, chunk, keys);
        }
      }
      int b2 = attentionRowsPerPass(phases, chunk, keys);
      if (al((long) chunk * maxK) + actScratch(b2, keys) > target.actBytes()) {
        return false;
      }
      if (4L * group * keys + onesBytes(b2) > target.accBytes() || nBlock(chunk, 1, b2) < 1) {
        return false;
      }
      projections.requireLowerable(chunk, maxK);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Emits into the whole program and into the instruction's report group (a standalone program). */
  private final class Out {
    final ProgramBuilder whole = new ProgramBuilder();
    final Map<LayerKind, ProgramBuilder> groups = new EnumMap<>(LayerKind.class);
    final List<ProbeSite> sites = new ArrayList<>();
    final long onesAccAddr;
    final long onesBytes;

    Out(long onesAccAddr, long onesBytes) {
      this.onesAccAddr = onesAccAddr;
      this.onesBytes = onesBytes;
      prologue(whole);
    }

    private void prologue(ProgramBuilder pb) {
      LayerCompiler.prologue(pb, c, dram, onesBytes, onesAccAddr);
    }

    /** {@code body} receives the builder and whether it is the whole program (where probe sites are recorded). */
    void emit(LayerKind kind, BiConsumer<ProgramBuilder, Boolean> body) {
      body.accept(whole, true);
      body.accept(groups.computeIfAbsent(kind, k -> {
        ProgramBuilder b = new ProgramBuilder();
        prologue(b);
        return b;
      }), false);
    }
  }

  LayerProgram compile(LayerShape shape, int chunk) {
    int keys = shape.maxKeys();
    int b2 = attentionRowsPerPass(PrefillPhases.of(DecoderGraphBuilder.build(c, new LayerShape(shape.start(), chunk), dram.cache().dtype(), false, dram.cache().quant())),
        chunk, keys);
    long ones = onesBytes(b2);
    Out out = new Out(target.accBytes() - ones, ones);
    List<DecoderGraph> graphs = new ArrayList<>();
    for (int t0 = 0; t0 < shape.tokens(); t0 += chunk) {
      int m = Math.min(chunk, shape.tokens() - t0);
      LayerShape s = new LayerShape(shape.start() + t0, m);
      DecoderGraph graph = DecoderGraphBuilder.build(c, s, dram.cache().dtype(), false, dram.cache().quant());
      graphs.add(graph);
      emitChunk(out, graph, t0, chunk, keys, b2);
    }
    Map<LayerKind, List<Instruction>> groupPrograms = new EnumMap<>(LayerKind.class);
    out.groups.forEach((k, b) -> groupPrograms.put(k, b.finish()));
    return new LayerProgram(chunk, graphs, List.of(), out.whole.finish(), groupPrograms, out.sites, true);
  }

  /** Where the chunk's fp32 tensors that cross phases live in DRAM, allocated in the order they are produced. */
  private Map<Tensor, Long> dramTensors(DecoderGraph graph, PrefillPhases phases, int t0, int chunk) {
    Map<Tensor, Long> at = new HashMap<>();
    for (OpNode n : graph.topologicalOrder()) {
      for (Tensor t : n.outputs()) {
        if (n.kind() == OpKind.LAYER_INPUT) {
          at.put(t, dram.residualAddr(true, t0));
        } else if (graph.consumers(n).stream().anyMatch(x -> x.kind() == OpKind.LAYER_OUTPUT)) {
          at.put(t, dram.residualAddr(false, t0));
        } else if (crossesPhases(phases, t)) {
          at.put(t, dram.spillAddr(t.name(), 4L * chunk * t.cols()));
        }
      }
    }
    return at;
  }

  private static boolean crossesPhases(PrefillPhases phases, Tensor t) {
    for (PrefillPhases.Phase p : phases.phases()) {
      if (p instanceof PrefillPhases.Rows r && (r.dramInputs().contains(t) || r.stored().contains(t))) {
        return true;
      }
    }
    return false;
  }

  private void emitChunk(Out out, DecoderGraph graph, int t0, int chunk, int keys, int b2) {
    int m = graph.shape().tokens();
    long staging = al(4L * chunk);
    PrefillPhases phases = PrefillPhases.of(graph);
    Map<Tensor, Long> dramAt = dramTensors(graph, phases, t0, chunk);
    for (PrefillPhases.Phase phase : phases.phases()) {
      if (phase instanceof PrefillPhases.Projections p) {
        for (OpNode op : p.ops()) {
          project(out, op.projection(), t0, m, chunk, b2, staging, dramAt.get(op.output()));
        }
      } else if (phase instanceof PrefillPhases.Rows r) {
        int b = rowsPerPass(r, chunk, keys);
        PassLayout layout = PassLayout.of(r, b, keys, staging, al((long) chunk * maxK), c, dram.cache());
        AttentionLowering attention = new AttentionLowering(c, dram.cache());
        for (int r0 = 0; r0 < m; r0 += b) {
          new RowPass(out, r, layout, attention, dramAt, graph.shape().start(), t0, r0, Math.min(b, m - r0)).emit();
        }
      }
    }
  }

  /**
   * One pass of a vector phase over rows r0 .. r0 + b - 1: its operators in graph order, emitted in runs of the
   * same report group; a run first loads the gains of its norms (at the first pass only) and the DRAM rows it
   * reads first, then lowers each operator, storing each output a later phase reads.
   */
  private final class RowPass {
    private final Out out;
    private final PrefillPhases.Rows phase;
    private final PassLayout layout;
    private final AttentionLowering attention;
    private final Map<Tensor, Long> dramAt;
    private final int t0;
    private final int r0;
    private final int b;
    private final int pos;
    private final Tensor attentionOut;

    RowPass(Out out, PrefillPhases.Rows phase, PassLayout layout, AttentionLowering attention,
        Map<Tensor, Long> dramAt, int start, int t0, int r0, int b) {
      this.out = out;
      this.phase = phase;
      this.layout = layout;
      this.attention = attention;
      this.dramAt = dramAt;
      this.t0 = t0;
      this.r0 = r0;
      this.b = b;
      this.pos = start + r0;
      this.attentionOut = phase.ops().stream().filter(o -> o.kind() == OpKind.PV).map(OpNode::output).findFirst()
          .orElse(null);
    }

    void emit() {
      List<OpNode> ops = phase.ops();
      java.util.Set<Tensor> loaded = new java.util.HashSet<>();
      boolean observed = false;
      for (int i = 0; i < ops.size(); ) {
        int j = i;
        while (j < ops.size() && ops.get(j).group() == ops.get(i).group()) {
          j++;
        }
        List<OpNode> run = ops.subList(i, j);
        List<Load> loads = new ArrayList<>();
        for (OpNode op : run) {
          for (Tensor t : op.inputs()) {
            if (phase.dramInputs().contains(t) && loaded.add(t)) {
              loads.add(new Load(Deps.NONE, Buffer.VEC, layout.vec(t), dramAt.get(t) + 4L * r0 * t.cols(), 1,
                  4 * b * t.cols(), 0));
            }
          }
        }
        // The first reader of attention's output is where the cross-check observes it.
        OpNode observer = null;
        for (OpNode op : run) {
          if (!observed && attentionOut != null && op.inputs().contains(attentionOut)) {
            observer = op;
            observed = true;
          }
        }
        OpNode watch = observer;
        out.emit(run.get(0).group(), (pb, whole) -> {
          for (OpNode op : run) {
            if (op.kind() == OpKind.RMSNORM) {
              gainLoad(pb, r0, op.name(), layout.gain(), op.output().cols());
            }
          }
          if (!loads.isEmpty()) {
            pb.loads(loads);
          }
          for (OpNode op : run) {
            lower(pb, op, whole && op == watch);
            for (Tensor t : op.outputs()) {
              if (phase.stored().contains(t)) {
                pb.stores(List.of(new Store(Deps.NONE, Buffer.VEC, layout.vec(t), dramAt.get(t) + 4L * r0 * t.cols(),
                    1, 4 * b * t.cols(), 0)));
              }
            }
          }
        });
        i = j;
      }
    }

    private void lower(ProgramBuilder pb, OpNode op, boolean observe) {
      List<Tensor> in = op.inputs();
      Vec v = switch (op.kind()) {
        case RMSNORM -> new Vec(Deps.NONE, VecOp.RMSNORM, layout.vec(op.output()), layout.vec(in.get(0)),
            layout.gain(), b, in.get(0).cols(), 0);
        case QUANT -> new Vec(Deps.NONE, VecOp.QUANT, (long) r0 * in.get(0).cols(), layout.vec(in.get(0)),
            4L * r0, b, in.get(0).cols(), 0);
        case ROPE -> {
          pb.add(new Vec(Deps.NONE, VecOp.ROPE, layout.vec(op.output()), layout.vec(in.get(0)), 0, b,
              in.get(0).cols(), pos));
          QkRotation.emit(pb, c, layout.vec(op.output()), b, in.get(0).cols());
          yield null;
        }
        case RESIDUAL_ADD -> new Vec(Deps.NONE, VecOp.ADD, layout.vec(op.output()), layout.vec(in.get(0)),
            layout.vec(in.get(1)), b, in.get(0).cols(), 0);
        case GATE_ACT -> new Vec(Deps.NONE, c.activation() == Activation.RELU2 ? VecOp.GATE_RELU2 : VecOp.GATE_SILU,
            layout.vec(op.output()), layout.vec(in.get(0)), layout.vec(in.get(1)), b, in.get(0).cols(), 0);
        case QUANT_Q -> attention.quantizeQ(layout.attention().qQ(), layout.vec(in.get(0)),
            layout.attention().qScales(), b * c.numHeads());
        case KV_APPEND -> {
          PassLayout.Attention a = layout.attention();
          attention.emitAppend(pb, pos, b, new AttentionLowering.AppendBuffers(layout.vec(in.get(0)),
              layout.vec(in.get(1)), a.kvQ(), a.kvScales(), a.kvInv(), out.onesAccAddr));
          yield null;
        }
        // QK, softmax and PV lower together: AttentionLowering interleaves them per KV head and key slice.
        case QK, SOFTMAX -> null;
        case PV -> {
          PassLayout.Attention a = layout.attention();
          attention.emitAttend(pb, pos, b, new AttentionLowering.AttendBuffers(a.qQ(), a.qScales(), a.scores(),
              a.probs(), a.probScales(), a.kSlice(), a.vSlice(), a.kInv(), a.vInv(), a.out(), 0));
          yield null;
        }
        case LAYER_INPUT, LAYER_OUTPUT, BITLINEAR, FORMAT_LINEAR ->
            throw new IllegalStateException("operator " + op.name() + " is not part of a vector phase");
      };
      if (v != null) {
        if (observe) {
          out.sites.add(new ProbeSite.AttentionOutput(t0 + r0, b, qDim, layout.attention().out(), v));
        }
        pb.add(v);
      }
    }
  }

  /** Norm gains are loaded at the first pass of a phase and stay in VEC for the others. */
  private void gainLoad(ProgramBuilder pb, int r0, String norm, long at, int width) {
    if (r0 == 0) {
      pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, at, dram.gainAddr(norm), 1, 4 * width, 0)));
    }
  }

  /**
   * One projection of the chunk, m = chunk tokens from ACT row 0, in blocks of output columns: each
   * block is one LOOP.GEMM (weights streamed through the WGT slots), a DEQUANT into VEC staging and a
   * strided STORE of the block's columns to the DRAM tensor [m][N].
   */
  private void project(Out out, LayerKind kind, int t0, int m, int chunk, int attentionRows, long staging,
      long dst) {
    int n = kind.outFeatures(c);
    int k = kind.inFeatures(c);
    if (projections.residentRows(m, n, k) && 4L * n <= target.accBytes() - onesBytes(attentionRows)
        && 4L * n <= target.vecBytes() - al(4L * chunk)) {
      // Token-serial with resident weights: each token's row goes to DRAM as soon as it is done.
      out.emit(kind, (pb, w) -> {
        List<Vec> dqs = projections.emitResidentRows(pb, m, n, k, dram.weightAddr(kind),
            weightScales.getOrDefault(kind, 1.0f), 0, 0, 0, staging, dst);
        if (w) {
          for (int t = 0; t < m; t++) {
            out.sites.add(new ProbeSite.Projection(kind, t0 + t, 1, 0, n, k, (long) t * k, 4L * t, 0, staging,
                dqs.get(t)));
          }
        }
      });
      return;
    }
    int nb = nBlock(chunk, n, attentionRows);
    for (int n0 = 0; n0 < n; n0 += nb) {
      int block = Math.min(nb, n - n0);
      int col0 = n0;
      out.emit(kind, (pb, w) -> {
        Vec dq = projections.emit(pb, m, block, k, dram.weightAddr(kind), n, col0,
            weightScales.getOrDefault(kind, 1.0f), 0, 0, staging, 0);
        if (w) {
          out.sites.add(new ProbeSite.Projection(kind, t0, m, col0, block, k, 0, 0, 0, staging, dq));
        }
        pb.stores(List.of(new Store(Deps.NONE, Buffer.VEC, staging, dst + 4L * col0, m, 4 * block, 4L * n)));
      });
    }
  }

  private static long al(long bytes) {
    return (bytes + ALIGN - 1) / ALIGN * ALIGN;
  }
}
