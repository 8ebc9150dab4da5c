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
 *   <li>quantized (b-bit codes per group, IntactKV pivots in fp16): VEC.KV_QUANT on append, VEC.KV_DEQUANT to fp16
 *       on attend, then the fp16 datapath: the reference's fp16 attention over the dequantized cache, bit for bit.</li>
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
    if (cache.quantized()) {
      emitAppendQuantized(pb, start, tokens, b);
      return;
    }
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
    if (cache.quantized()) {
      emitAttendQuantized(pb, start, tokens, b);
      return;
    }
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

  /**
   * Quantized cache: the new tokens at pivot positions are rounded to fp16 (VEC.TO_F16) and stored to the pivot rows;
   * the others become one record per unit (VEC.KV_QUANT over rows of a kv head's or the whole row's values: the
   * reference's groups either way) and are stored to the records, one strided STORE per token. K's staging first,
   * V's after it ({@link KvCacheLayout.Scratch}).
   */
  private void emitAppendQuantized(ProgramBuilder pb, int start, int tokens, AppendBuffers b) {
    int kvDim = c.kvDim();
    int units = cache.units();
    int unitLen = cache.unitLen();
    int pivots = Math.max(0, Math.min(tokens, cache.pivots() - start));
    int coded = tokens - pivots;
    long vStage = b.kvQAct() + KvCacheLayout.scratch(c.numKvHeads(), c.headDim(), cache.dtype(), cache.quant())
        .appendVOffset(tokens);
    int record = cache.recordBytes();
    List<Store> stores = new ArrayList<>();
    long[] stage = {b.kvQAct(), vStage};
    long[] src = {b.kRotVec(), b.vVec()};
    for (int kv = 0; kv < 2; kv++) {
      long records = stage[kv] + 2L * pivots * kvDim;
      if (pivots > 0) {
        pb.add(new Vec(Deps.NONE, VecOp.TO_F16, stage[kv], src[kv], 0, pivots * units, unitLen, 0));
      }
      if (coded > 0) {
        pb.add(new Vec(Deps.NONE, VecOp.KV_QUANT, records, src[kv] + 4L * pivots * kvDim, 0, coded * units, unitLen,
            cache.codes().imm()));
      }
      for (int t = 0; t < tokens; t++) {
        int pos = start + t;
        if (t < pivots) {
          stores.add(new Store(Deps.NONE, Buffer.ACT, stage[kv] + 2L * t * kvDim, kv == 0 ? cache.kPivotAddr(0, pos)
              : cache.vPivotAddr(0, pos), units, 2 * unitLen, 2L * cache.pivots() * unitLen));
        } else {
          stores.add(new Store(Deps.NONE, Buffer.ACT, records + (long) (t - pivots) * units * record,
              kv == 0 ? cache.kRecordAddr(0, pos) : cache.vRecordAddr(0, pos), units, record,
              (long) cache.capacity() * record));
        }
      }
    }
    pb.stores(stores);
  }

  /**
   * Quantized cache, per unit (a kv head, or the whole row when a group straddles heads): its K read back as fp16
   * [keys][unit values] (pivot rows loaded as they are, records loaded and dequantized by VEC.KV_DEQUANT), then its V
   * the same way; then the fp16 path per token and kv head: GEMM.F16 over q and K, VEC.SCALE, VEC.SOFTMAX, VEC.TO_F16,
   * GEMM.F16 over p and V. In a whole-row unit one head's K and V are columns of the rows, read at a row stride of
   * 2 kv_dim (CFG ACT_ROW_STRIDE_BYTES, reset to 0 after), one GEMM.F16 per query head (m = 1, so q's rows need no
   * stride). The reference's fp16 attention over {@code f16((float) (q - z) * step)}, bit for bit.
   */
  private void emitAttendQuantized(ProgramBuilder pb, int start, int tokens, AttendBuffers b) {
    int heads = c.numHeads();
    int group = heads / c.numKvHeads();
    int hd = c.headDim();
    int unitLen = cache.unitLen();
    int keys = start + tokens;
    int pivots = Math.min(keys, cache.pivots());
    int coded = keys - pivots;
    int record = cache.recordBytes();
    boolean rowUnit = !cache.headRecords();
    pb.add(Cfg.ofFloat(Deps.NONE, CfgReg.VEC_SCALE, (float) (1.0 / Math.sqrt(hd))));
    for (int u = 0; u < cache.units(); u++) {
      long[] f16 = {b.kSliceAct(), b.vSliceAct()};
      for (int kv = 0; kv < 2; kv++) {
        // The records at the tail of their fp16 output (KV_DEQUANT reads each before writing over it), or after the
        // K slice when a record is longer than its fp16 row.
        long records = cache.recordsInPlace() ? f16[kv] + 2L * keys * unitLen - (long) coded * record
            : b.kSliceAct() + 2L * keys * unitLen;
        List<Load> loads = new ArrayList<>();
        if (pivots > 0) {
          loads.add(new Load(Deps.NONE, Buffer.ACT, f16[kv], kv == 0 ? cache.kPivotAddr(u, 0)
              : cache.vPivotAddr(u, 0), 1, 2 * pivots * unitLen, 0));
        }
        if (coded > 0) {
          loads.add(new Load(Deps.NONE, Buffer.ACT, records, kv == 0 ? cache.kRecordAddr(u, pivots)
              : cache.vRecordAddr(u, pivots), 1, coded * record, 0));
        }
        pb.loads(loads);
        if (coded > 0) {
          pb.add(new Vec(Deps.NONE, VecOp.KV_DEQUANT, f16[kv] + 2L * pivots * unitLen, records, 0, coded, unitLen,
              cache.codes().imm()));
        }
      }
      if (rowUnit) {
        pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 2L * unitLen));
      }
      for (int t = 0; t < tokens; t++) {
        int len = start + t + 1;
        for (int g = rowUnit ? 0 : u; g < (rowUnit ? c.numKvHeads() : u + 1); g++) {
          int firstRow = t * heads + g * group;
          long column = rowUnit ? 2L * g * hd : 0;
          long out = b.outVec() + 4L * ((long) t * c.qDim() + (long) g * group * hd);
          if (rowUnit) {
            for (int r = 0; r < group; r++) {
              pb.add(new GemmF16(Deps.NONE, b.qAct() + 2L * (firstRow + r) * hd, b.kSliceAct() + column,
                  b.scoresVec() + 4L * r * len, 1, len, hd, false, false));
            }
          } else {
            pb.add(new GemmF16(Deps.NONE, b.qAct() + 2L * firstRow * hd, b.kSliceAct(), b.scoresVec(), group, len, hd,
                false, false));
          }
          pb.add(new Vec(Deps.NONE, VecOp.SCALE, b.scoresVec(), b.scoresVec(), 0, group, len, 0));
          pb.add(new Vec(Deps.NONE, VecOp.SOFTMAX, b.scoresVec(), b.scoresVec(), 0, group, len, 0));
          pb.add(new Vec(Deps.NONE, VecOp.TO_F16, b.probsAct(), b.scoresVec(), 0, group, len, 0));
          if (rowUnit) {
            for (int r = 0; r < group; r++) {
              pb.add(new GemmF16(Deps.NONE, b.probsAct() + 2L * r * len, b.vSliceAct() + column,
                  out + 4L * r * hd, 1, hd, len, true, false));
            }
          } else {
            pb.add(new GemmF16(Deps.NONE, b.probsAct(), b.vSliceAct(), out, group, hd, len, true, false));
          }
        }
      }
      if (rowUnit) {
        pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 0));
      }
    }
  }
}
