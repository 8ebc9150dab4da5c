package dev.tritium.mapper.schedule;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.Store;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.attention.AttentionLowering;
import dev.tritium.mapper.graph.DecoderGraph;
import dev.tritium.mapper.graph.DecoderGraphBuilder;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.Activation;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import java.util.ArrayList;
import java.util.EnumMap;
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
 * input of the next projection, all C rows, in ACT with its scales in VEC. Phases:
 * <pre>
 * P0 rows: h -> attn_norm -> quant                  P1 q,k,v (m = C)
 * P2 rows: rope, kv_append, attention, sub-norm, quant   P3 o_proj
 * P4 rows: h + o -> h_mid (DRAM), ffn_norm, quant    P5 gate, up
 * P6 rows: act(gate) * up, sub-norm, quant          P7 down_proj
 * P8 rows: h_mid + down -> h_out (DRAM)
 * </pre>
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
  private final int d;
  private final int qDim;
  private final int kvDim;
  private final int f;
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
    this.d = c.hiddenSize();
    this.qDim = c.qDim();
    this.kvDim = c.kvDim();
    this.f = c.intermediateSize();
    this.hd = c.headDim();
    this.group = c.numHeads() / c.numKvHeads();
    this.maxK = Math.max(d, Math.max(qDim, f));
  }

  /** Bytes a vector phase needs in VEC for b token rows, after the scales region. */
  private long vecNeed(int phase, int b, int keys) {
    return switch (phase) {
      case 0 -> al(4L * b * d) + al(4L * d);
      case 2 -> al(4L * b * qDim) + 2 * al(4L * b * kvDim) + al(4L * b * qDim) + 2 * al(8L * b * c.numKvHeads())
          + al(4L * b * c.numHeads()) + al(4L * group * keys) + al(4L * group) + 2 * al(4L * keys) + al(4L * qDim);
      case 4 -> 2 * al(4L * b * d) + al(4L * d);
      case 6 -> 2 * al(4L * b * f) + al(4L * f);
      case 8 -> 2 * al(4L * b * d);
      default -> throw new IllegalArgumentException("phase " + phase);
    };
  }

  /** ACT scratch the attention phase needs above the int8 projection input of C rows. */
  private long actScratch(int b, int keys) {
    return al(2L * b * c.numKvHeads() * hd) + al((long) b * c.numHeads() * hd) + al((long) group * keys)
        + 2 * al((long) keys * hd);
  }

  private long onesBytes(int b) {
    return 8L * b * c.numKvHeads();
  }

  /** Rows per pass of a vector phase: the most that fit VEC (at least 1, else the chunk does not fit). */
  private int rowsPerPass(int phase, int chunk, int keys) {
    long budget = target.vecBytes() - al(4L * chunk);
    int b = chunk;
    while (b > 1 && vecNeed(phase, b, keys) > budget) {
      b = (b + 1) / 2;
    }
    if (vecNeed(phase, b, keys) > budget) {
      throw new IllegalArgumentException("vector phase P" + phase + " needs " + vecNeed(phase, b, keys)
          + " VEC bytes for one token row, has " + budget);
    }
    return b;
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
    for (int chunk = shape.tokens(); chunk >= 1; chunk--) {
      if (fits(chunk, keys)) {
        return chunk;
      }
    }
    return 0;
  }

  private boolean fits(int chunk, int keys) {
    try {
      int b2 = rowsPerPass(2, chunk, keys);
      for (int phase : new int[] {0, 4, 6, 8}) {
        rowsPerPass(phase, chunk, keys);
      }
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
    int b2 = rowsPerPass(2, chunk, keys);
    long ones = onesBytes(b2);
    Out out = new Out(target.accBytes() - ones, ones);
    List<DecoderGraph> graphs = new ArrayList<>();
    for (int t0 = 0; t0 < shape.tokens(); t0 += chunk) {
      int m = Math.min(chunk, shape.tokens() - t0);
      LayerShape s = new LayerShape(shape.start() + t0, m);
      graphs.add(DecoderGraphBuilder.build(c, s));
      emitChunk(out, s, t0, chunk, keys, b2);
    }
    Map<LayerKind, List<Instruction>> groupPrograms = new EnumMap<>(LayerKind.class);
    out.groups.forEach((k, b) -> groupPrograms.put(k, b.finish()));
    return new LayerProgram(chunk, graphs, List.of(), out.whole.finish(), groupPrograms, out.sites, true);
  }

  private void emitChunk(Out out, LayerShape s, int t0, int chunk, int keys, int b2) {
    int m = s.tokens();
    long scales = 0;
    long staging = al(4L * chunk);
    long q = dram.spillAddr("q", 4L * chunk * qDim);
    long k = dram.spillAddr("k", 4L * chunk * kvDim);
    long v = dram.spillAddr("v", 4L * chunk * kvDim);
    long o = dram.spillAddr("o", 4L * chunk * d);
    long hMid = dram.spillAddr("h_mid", 4L * chunk * d);
    long gate = dram.spillAddr("gate", 4L * chunk * f);
    long up = dram.spillAddr("up", 4L * chunk * f);
    long down = dram.spillAddr("down", 4L * chunk * d);
    long hIn = dram.residualAddr(true, t0);
    long hOut = dram.residualAddr(false, t0);

    // P0: x = attn_norm(h), quantized into ACT rows
    rows(out, 0, m, chunk, keys, (r0, b, cap) -> {
      long h = staging;
      long gain = h + al(4L * cap * d);
      out.emit(LayerKind.NORMS, (pb, w) -> {
        gainLoad(pb, r0, "attn_norm", gain, d);
        pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, h, hIn + 4L * r0 * d, 1, 4 * b * d, 0)));
        pb.add(new Vec(Deps.NONE, VecOp.RMSNORM, h, h, gain, b, d, 0));
      });
      out.emit(LayerKind.ACT_QUANT, (pb, w) -> pb.add(new Vec(Deps.NONE, VecOp.QUANT, (long) r0 * d, h,
          scales + 4L * r0, b, d, 0)));
    });
    // P1: q, k, v
    project(out, LayerKind.Q_PROJ, t0, m, chunk, b2, staging, q);
    project(out, LayerKind.K_PROJ, t0, m, chunk, b2, staging, k);
    project(out, LayerKind.V_PROJ, t0, m, chunk, b2, staging, v);
    // P2: RoPE, KV append, attention, attn_sub_norm, quantization for o_proj
    AttentionLowering attention = new AttentionLowering(c, dram.cache());
    rows(out, 2, m, chunk, keys, (r0, b, cap) -> {
      long qv = staging;
      long kv = qv + al(4L * cap * qDim);
      long vv = kv + al(4L * cap * kvDim);
      long attn = vv + al(4L * cap * kvDim);
      long kvScales = attn + al(4L * cap * qDim);
      long kvInv = kvScales + al(8L * cap * c.numKvHeads());
      long qScales = kvInv + al(8L * cap * c.numKvHeads());
      long scores = qScales + al(4L * cap * c.numHeads());
      long probScales = scores + al(4L * group * keys);
      long kInv = probScales + al(4L * group);
      long vInv = kInv + al(4L * keys);
      long gain = vInv + al(4L * keys);
      long kvQ = al((long) chunk * maxK);
      long qQ = kvQ + al(2L * cap * c.numKvHeads() * hd);
      long probs = qQ + al((long) cap * c.numHeads() * hd);
      long kSlice = probs + al((long) group * keys);
      long vSlice = kSlice + al((long) keys * hd);
      int pos = s.start() + r0;
      out.emit(LayerKind.ROPE, (pb, w) -> {
        pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, qv, q + 4L * r0 * qDim, 1, 4 * b * qDim, 0),
            new Load(Deps.NONE, Buffer.VEC, kv, k + 4L * r0 * kvDim, 1, 4 * b * kvDim, 0)));
        pb.add(new Vec(Deps.NONE, VecOp.ROPE, qv, qv, 0, b, qDim, pos));
        pb.add(new Vec(Deps.NONE, VecOp.ROPE, kv, kv, 0, b, kvDim, pos));
      });
      out.emit(LayerKind.ATTENTION, (pb, w) -> {
        pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, vv, v + 4L * r0 * kvDim, 1, 4 * b * kvDim, 0)));
        attention.emitAppend(pb, pos, b, new AttentionLowering.AppendBuffers(kv, vv, kvQ, kvScales, kvInv,
            out.onesAccAddr));
        pb.add(new Vec(Deps.NONE, VecOp.QUANT, qQ, qv, qScales, b * c.numHeads(), hd, 0));
        attention.emitAttend(pb, pos, b, new AttentionLowering.AttendBuffers(qQ, qScales, scores, probs, probScales,
            kSlice, vSlice, kInv, vInv, attn, 0));
      });
      long normed = c.subLayerNorms() ? qv : attn;
      if (c.subLayerNorms()) {
        out.emit(LayerKind.NORMS, (pb, w) -> {
          gainLoad(pb, r0, "attn_sub_norm", gain, qDim);
          Vec norm = new Vec(Deps.NONE, VecOp.RMSNORM, normed, attn, gain, b, qDim, 0);
          observeAttention(out, w, t0 + r0, b, attn, norm);
          pb.add(norm);
        });
      }
      out.emit(LayerKind.ACT_QUANT, (pb, w) -> {
        Vec quant = new Vec(Deps.NONE, VecOp.QUANT, (long) r0 * qDim, normed, scales + 4L * r0, b, qDim, 0);
        if (!c.subLayerNorms()) {
          observeAttention(out, w, t0 + r0, b, attn, quant);
        }
        pb.add(quant);
      });
    });
    // P3: o_proj
    project(out, LayerKind.O_PROJ, t0, m, chunk, b2, staging, o);
    // P4: h_mid = h + o (to DRAM), x = ffn_norm(h_mid) quantized
    rows(out, 4, m, chunk, keys, (r0, b, cap) -> {
      long h = staging;
      long ov = h + al(4L * cap * d);
      long gain = ov + al(4L * cap * d);
      out.emit(LayerKind.RESIDUAL, (pb, w) -> {
        pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, h, hIn + 4L * r0 * d, 1, 4 * b * d, 0),
            new Load(Deps.NONE, Buffer.VEC, ov, o + 4L * r0 * d, 1, 4 * b * d, 0)));
        pb.add(new Vec(Deps.NONE, VecOp.ADD, h, h, ov, b, d, 0));
        pb.stores(List.of(new Store(Deps.NONE, Buffer.VEC, h, hMid + 4L * r0 * d, 1, 4 * b * d, 0)));
      });
      out.emit(LayerKind.NORMS, (pb, w) -> {
        gainLoad(pb, r0, "ffn_norm", gain, d);
        pb.add(new Vec(Deps.NONE, VecOp.RMSNORM, ov, h, gain, b, d, 0));
      });
      out.emit(LayerKind.ACT_QUANT, (pb, w) -> pb.add(new Vec(Deps.NONE, VecOp.QUANT, (long) r0 * d, ov,
          scales + 4L * r0, b, d, 0)));
    });
    // P5: gate, up
    project(out, LayerKind.GATE_PROJ, t0, m, chunk, b2, staging, gate);
    project(out, LayerKind.UP_PROJ, t0, m, chunk, b2, staging, up);
    // P6: act(gate) * up, ffn_sub_norm, quantized for down_proj
    rows(out, 6, m, chunk, keys, (r0, b, cap) -> {
      long g = staging;
      long u = g + al(4L * cap * f);
      long gain = u + al(4L * cap * f);
      out.emit(LayerKind.FFN_ACT, (pb, w) -> {
        pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, g, gate + 4L * r0 * f, 1, 4 * b * f, 0),
            new Load(Deps.NONE, Buffer.VEC, u, up + 4L * r0 * f, 1, 4 * b * f, 0)));
        pb.add(new Vec(Deps.NONE, c.activation() == Activation.RELU2 ? VecOp.GATE_RELU2 : VecOp.GATE_SILU, g, g, u,
            b, f, 0));
      });
      if (c.subLayerNorms()) {
        out.emit(LayerKind.NORMS, (pb, w) -> {
          gainLoad(pb, r0, "ffn_sub_norm", gain, f);
          pb.add(new Vec(Deps.NONE, VecOp.RMSNORM, g, g, gain, b, f, 0));
        });
      }
      out.emit(LayerKind.ACT_QUANT, (pb, w) -> pb.add(new Vec(Deps.NONE, VecOp.QUANT, (long) r0 * f, g,
          scales + 4L * r0, b, f, 0)));
    });
    // P7: down_proj
    project(out, LayerKind.DOWN_PROJ, t0, m, chunk, b2, staging, down);
    // P8: h_out = h_mid + down
    rows(out, 8, m, chunk, keys, (r0, b, cap) -> {
      long h = staging;
      long dv = h + al(4L * cap * d);
      out.emit(LayerKind.RESIDUAL, (pb, w) -> {
        pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, h, hMid + 4L * r0 * d, 1, 4 * b * d, 0),
            new Load(Deps.NONE, Buffer.VEC, dv, down + 4L * r0 * d, 1, 4 * b * d, 0)));
        pb.add(new Vec(Deps.NONE, VecOp.ADD, h, h, dv, b, d, 0));
        pb.stores(List.of(new Store(Deps.NONE, Buffer.VEC, h, hOut + 4L * r0 * d, 1, 4 * b * d, 0)));
      });
    });
  }

  private interface RowPass {
    /** One pass over rows r0 .. r0 + b - 1; {@code cap} is the phase's pass size, which fixes the VEC layout. */
    void emit(int r0, int b, int cap);
  }

  /** Runs a vector phase over the chunk's rows, as many per pass as VEC holds. */
  private void rows(Out out, int phase, int m, int chunk, int keys, RowPass pass) {
    int b = rowsPerPass(phase, chunk, keys);
    for (int r0 = 0; r0 < m; r0 += b) {
      pass.emit(r0, Math.min(b, m - r0), b);
    }
  }

  /** Norm gains are loaded at the first pass of a phase and stay in VEC for the others. */
  private void gainLoad(ProgramBuilder pb, int r0, String norm, long at, int width) {
    if (r0 == 0) {
      pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, at, dram.gainAddr(norm), 1, 4 * width, 0)));
    }
  }

  private void observeAttention(Out out, boolean whole, int token0, int rows, long addr, Vec reader) {
    if (whole) {
      out.sites.add(new ProbeSite.AttentionOutput(token0, rows, qDim, addr, reader));
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
