package dev.tritium.mapper.attention;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.GemmF16;
import dev.tritium.isa.GemmInt8;
import dev.tritium.isa.Load;
import dev.tritium.isa.Store;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.simulator.config.AttentionConfig.KvDatatype;
import java.util.ArrayList;
import java.util.List;

/**
 * Attention with a DRAM KV cache (mapper/README.md, "Attention"), in the cache's datatype. Per token and kv head
 * g, the group's G = heads/kv_heads query heads are one GEMM of m = G rows (their q rows are contiguous), over the
 * token's own causal key count, so no masked work is done.
 * <ul>
 *   <li>int8: GEMM.I8 on the MAC array over int8 q, K, V and probabilities, each with per-row fp32 scales;</li>
 *   <li>fp16: GEMM.F16 on the vector lanes over fp16 q, K, V and probabilities (VEC.TO_F16), scores scaled by
 *       VEC.SCALE with CFG VEC_SCALE = (float) (1 / sqrt(head_dim)): the reference's fp16 attention, bit for bit.</li>
 * </ul>
 */
public final class AttentionLowering {

  private final ModelConfig c;
  private final KvCacheLayout cache;

  public AttentionLowering(ModelConfig c, KvCacheLayout cache) {
    this.c = c;
    this.cache = cache;
  }

  private boolean fp16() {
    return cache.dtype() == KvDatatype.FP16;
  }

  /**
   * Attention's q operand from the roped q rows [rows][head_dim] (rows = tokens x heads): int8 with per-row scales
   * (VEC.QUANT), or fp16 (VEC.TO_F16, no scales).
   */
  public Vec quantizeQ(long qAct, long qRotVec, long qScalesVec, int rows) {
    return fp16() ? new Vec(Deps.NONE, VecOp.TO_F16, qAct, qRotVec, 0, rows, c.headDim(), 0)
        : new Vec(Deps.NONE, VecOp.QUANT, qAct, qRotVec, qScalesVec, rows, c.headDim(), 0);
  }

  /** Addresses the KV-append step uses. */
  public record AppendBuffers(long kRotVec, long vVec, long kvQAct, long scalesVec, long invScalesVec,
      long onesAcc) {}

  /**
   * Quantizes the new tokens' k and v per (token, kv head), turns the scales into inverse scales
   * (VEC.DEQUANT of int32 ones: 1 / (1 * s)), and stores int8 rows and inverse scales to the cache.
   */
  public void emitAppend(ProgramBuilder pb, int start, int tokens, AppendBuffers b) {
    if (fp16()) {
      emitAppendF16(pb, start, tokens, b);
      return;
    }
    int kvh = c.numKvHeads();
    int hd = c.headDim();
    int rows = tokens * kvh;
    pb.add(new Vec(Deps.NONE, VecOp.QUANT, b.kvQAct(), b.kRotVec(), b.scalesVec(), rows, hd, 0));
    pb.add(new Vec(Deps.NONE, VecOp.QUANT, b.kvQAct() + (long) rows * hd, b.vVec(), b.scalesVec() + 4L * rows, rows,
        hd, 0));
    pb.add(Cfg.ofFloat(Deps.NONE, CfgReg.DEQUANT_WEIGHT_SCALE, 1.0f));
    pb.add(new Vec(Deps.NONE, VecOp.DEQUANT, b.invScalesVec(), b.onesAcc(), b.scalesVec(), 2 * rows, 1, 0));
    List<Store> stores = new ArrayList<>();
    for (int t = 0; t < tokens; t++) {
      int pos = start + t;
      long kRow = b.kvQAct() + (long) t * kvh * hd;
      long vRow = kRow + (long) rows * hd;
      stores.add(new Store(Deps.NONE, Buffer.ACT, kRow, cache.kAddr(0, pos), kvh, hd, cache.headStrideBytes()));
      stores.add(new Store(Deps.NONE, Buffer.ACT, vRow, cache.vAddr(0, pos), kvh, hd, cache.headStrideBytes()));
      long kInv = b.invScalesVec() + 4L * t * kvh;
      long vInv = kInv + 4L * rows;
      stores.add(new Store(Deps.NONE, Buffer.VEC, kInv, cache.kInvScaleAddr(0, pos), kvh, 4, 4L * cache.capacity()));
      stores.add(new Store(Deps.NONE, Buffer.VEC, vInv, cache.vInvScaleAddr(0, pos), kvh, 4, 4L * cache.capacity()));
    }
    pb.stores(stores);
  }

  /** fp16 cache: the new tokens' k and v rounded to fp16 (VEC.TO_F16) and stored, 2 bytes a value, no scales. */
  private void emitAppendF16(ProgramBuilder pb, int start, int tokens, AppendBuffers b) {
    int kvh = c.numKvHeads();
    int hd = c.headDim();
    int rows = tokens * kvh;
    long vHalf = b.kvQAct() + 2L * rows * hd;
    pb.add(new Vec(Deps.NONE, VecOp.TO_F16, b.kvQAct(), b.kRotVec(), 0, rows, hd, 0));
    pb.add(new Vec(Deps.NONE, VecOp.TO_F16, vHalf, b.vVec(), 0, rows, hd, 0));
    List<Store> stores = new ArrayList<>();
    for (int t = 0; t < tokens; t++) {
      int pos = start + t;
      long kRow = b.kvQAct() + 2L * t * kvh * hd;
      long vRow = vHalf + 2L * t * kvh * hd;
      stores.add(new Store(Deps.NONE, Buffer.ACT, kRow, cache.kAddr(0, pos), kvh, 2 * hd, cache.headStrideBytes()));
      stores.add(new Store(Deps.NONE, Buffer.ACT, vRow, cache.vAddr(0, pos), kvh, 2 * hd, cache.headStrideBytes()));
    }
    pb.stores(stores);
  }

  /** Addresses the fused qk + softmax + pv step uses. */
  public record AttendBuffers(long qAct, long qScalesVec, long scoresVec, long probsAct, long probScalesVec,
      long kSliceAct, long vSliceAct, long kInvVec, long vInvVec, long outVec, long accAddr) {}

  /** Attention of {@code tokens} query tokens at positions start.. over the cache (already appended). */
  public void emitAttend(ProgramBuilder pb, int start, int tokens, AttendBuffers b) {
    if (fp16()) {
      emitAttendF16(pb, start, tokens, b);
      return;
    }
    int heads = c.numHeads();
    int group = heads / c.numKvHeads();
    int hd = c.headDim();
    int keys = start + tokens;
    float sqrtD = (float) Math.sqrt(hd);
    for (int g = 0; g < c.numKvHeads(); g++) {
      pb.loads(List.of(
          new Load(Deps.NONE, Buffer.ACT, b.kSliceAct(), cache.kAddr(g, 0), 1, keys * hd, 0),
          new Load(Deps.NONE, Buffer.ACT, b.vSliceAct(), cache.vAddr(g, 0), 1, keys * hd, 0),
          new Load(Deps.NONE, Buffer.VEC, b.kInvVec(), cache.kInvScaleAddr(g, 0), 1, 4 * keys, 0),
          new Load(Deps.NONE, Buffer.VEC, b.vInvVec(), cache.vInvScaleAddr(g, 0), 1, 4 * keys, 0)));
      for (int t = 0; t < tokens; t++) {
        int len = start + t + 1;
        int firstRow = t * heads + g * group;
        pb.add(new GemmInt8(Deps.NONE, b.qAct() + (long) firstRow * hd, b.kSliceAct(), b.accAddr(), group, len, hd,
            false, false));
        pb.add(Cfg.ofFloat(Deps.NONE, CfgReg.DEQUANT_WEIGHT_SCALE, sqrtD));
        pb.add(new Vec(Deps.NONE, VecOp.DEQUANT, b.scoresVec(), b.accAddr(), b.qScalesVec() + 4L * firstRow, group,
            len, 0));
        for (int r = 0; r < group; r++) {
          long row = b.scoresVec() + 4L * r * len;
          pb.add(new Vec(Deps.NONE, VecOp.MUL, row, row, b.kInvVec(), 1, len, 0));
        }
        pb.add(new Vec(Deps.NONE, VecOp.SOFTMAX, b.scoresVec(), b.scoresVec(), 0, group, len, 0));
        for (int r = 0; r < group; r++) {
          long row = b.scoresVec() + 4L * r * len;
          pb.add(new Vec(Deps.NONE, VecOp.MUL, row, row, b.vInvVec(), 1, len, 0));
        }
        pb.add(new Vec(Deps.NONE, VecOp.QUANT, b.probsAct(), b.scoresVec(), b.probScalesVec(), group, len, 0));
        pb.add(new GemmInt8(Deps.NONE, b.probsAct(), b.vSliceAct(), b.accAddr(), group, hd, len, true, false));
        pb.add(Cfg.ofFloat(Deps.NONE, CfgReg.DEQUANT_WEIGHT_SCALE, 1.0f));
        pb.add(new Vec(Deps.NONE, VecOp.DEQUANT, b.outVec() + 4L * ((long) t * c.qDim() + (long) g * group * hd),
            b.accAddr(), b.probScalesVec(), group, hd, 0));
      }
    }
  }

  /**
   * fp16 attention per kv head: its K and V slices (fp16) loaded once; per token, scores = GEMM.F16(q, K) into VEC,
   * VEC.SCALE by 1/sqrt(head_dim), VEC.SOFTMAX, the probabilities rounded to fp16 (VEC.TO_F16), and the output
   * GEMM.F16(p, V) (V read [key][head_dim], i.e. transposed) straight into the attention rows.
   */
  private void emitAttendF16(ProgramBuilder pb, int start, int tokens, AttendBuffers b) {
    int heads = c.numHeads();
    int group = heads / c.numKvHeads();
    int hd = c.headDim();
    int keys = start + tokens;
    pb.add(Cfg.ofFloat(Deps.NONE, CfgReg.VEC_SCALE, (float) (1.0 / Math.sqrt(hd))));
    for (int g = 0; g < c.numKvHeads(); g++) {
      pb.loads(List.of(
          new Load(Deps.NONE, Buffer.ACT, b.kSliceAct(), cache.kAddr(g, 0), 1, 2 * keys * hd, 0),
          new Load(Deps.NONE, Buffer.ACT, b.vSliceAct(), cache.vAddr(g, 0), 1, 2 * keys * hd, 0)));
      for (int t = 0; t < tokens; t++) {
        int len = start + t + 1;
        int firstRow = t * heads + g * group;
        pb.add(new GemmF16(Deps.NONE, b.qAct() + 2L * firstRow * hd, b.kSliceAct(), b.scoresVec(), group, len, hd,
            false, false));
        pb.add(new Vec(Deps.NONE, VecOp.SCALE, b.scoresVec(), b.scoresVec(), 0, group, len, 0));
        pb.add(new Vec(Deps.NONE, VecOp.SOFTMAX, b.scoresVec(), b.scoresVec(), 0, group, len, 0));
        pb.add(new Vec(Deps.NONE, VecOp.TO_F16, b.probsAct(), b.scoresVec(), 0, group, len, 0));
        pb.add(new GemmF16(Deps.NONE, b.probsAct(), b.vSliceAct(),
            b.outVec() + 4L * ((long) t * c.qDim() + (long) g * group * hd), group, hd, len, true, false));
      }
    }
  }
}
