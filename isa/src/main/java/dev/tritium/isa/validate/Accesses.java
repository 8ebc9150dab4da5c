package dev.tritium.isa.validate;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.ConfigRegisters;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmF16;
import dev.tritium.isa.KvCodes;
import dev.tritium.isa.GemmQ2;
import dev.tritium.isa.GemmSf;
import dev.tritium.isa.GemmIw;
import dev.tritium.isa.QuantIg;
import dev.tritium.isa.GemmBp;
import dev.tritium.isa.QuantBp;
import dev.tritium.isa.LutBuildBp;
import dev.tritium.isa.LutGemmBp;
import dev.tritium.isa.GemmSparse;
import dev.tritium.isa.SfGate;
import dev.tritium.isa.GemmInt8;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.InstructionVisitor;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutBuildF16;
import dev.tritium.isa.LutGemm;
import dev.tritium.isa.LutGemmF16;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.Vec;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact SRAM byte extents of every operand of an explicit instruction, given the CFG registers in
 * force. The bounds check, the alignment check and the cross-queue overlap lint all use this one
 * table; the README's operand table says the same in words.
 */
public final class Accesses {

  private Accesses() {}

  /** Operands of {@code insn}; empty for CFG, SYNC, FINISH and the loop macros. */
  public static List<Access> of(Instruction insn, ConfigRegisters cfg, IsaTarget target) {
    return insn.accept(new Operands(cfg, target));
  }

  /** Every kind's operands in one exhaustive place: a new instruction kind must say what it touches. */
  private static final class Operands implements InstructionVisitor<List<Access>> {
    private final ConfigRegisters cfg;
    private final IsaTarget target;

    Operands(ConfigRegisters cfg, IsaTarget target) {
      this.cfg = cfg;
      this.target = target;
    }

    @Override
    public List<Access> visitLoad(Load l) {
      return List.of(new Access(l.buffer(), "sram_addr", "DMA rows", l.sramAddr(), l.rows(), l.rowBytes(),
          l.rowBytes(), true));
    }

    @Override
    public List<Access> visitStore(Store s) {
      return List.of(new Access(s.buffer(), "sram_addr", "DMA rows", s.sramAddr(), s.rows(), s.rowBytes(),
          s.rowBytes(), false));
    }

    @Override
    public List<Access> visitGemmTernary(GemmTernary g) {
      long rowBytes = g.packing().packedRowBytes(g.k());
      return List.of(new Access(Buffer.WGT, "wgt_addr", "weights", g.wgtAddr(), g.n(), rowBytes, rowBytes, false),
          act("act_addr", g.actAddr(), g.m(), g.k(), cfg), acc(g.accAddr(), g.m(), g.n(), cfg));
    }

    @Override
    public List<Access> visitLutBuild(LutBuild b) {
      return List.of(act("act_addr", b.actAddr(), b.m(), b.k(), cfg),
          tables(b.lutAddr(), b.m(), b.k(), b.groupSize(), b.variant(), cfg, true));
    }

    @Override
    public List<Access> visitLutGemm(LutGemm g) {
      long rowBytes = g.packing().packedRowBytes(g.k());
      int groupSize = lutGroupSize(g.packing(), target);
      return List.of(new Access(Buffer.WGT, "wgt_addr", "weight indices", g.wgtAddr(), g.n(), rowBytes, rowBytes,
          false), tables(g.lutAddr(), g.m(), g.k(), groupSize, lutVariant(g.packing(), target), cfg, false),
          acc(g.accAddr(), g.m(), g.n(), cfg));
    }

    @Override
    public List<Access> visitGemmInt8(GemmInt8 g) {
      return List.of(act("a_addr", g.aAddr(), g.m(), g.k(), cfg),
          g.transposeB() ? act("b_addr", g.bAddr(), g.k(), g.n(), cfg) : act("b_addr", g.bAddr(), g.n(), g.k(), cfg),
          acc(g.accAddr(), g.m(), g.n(), cfg));
    }

    @Override
    public List<Access> visitGemmF16(GemmF16 g) {
      return List.of(half("a_addr", g.aAddr(), g.m(), g.k(), cfg),
          g.transposeB() ? half("b_addr", g.bAddr(), g.k(), g.n(), cfg) : half("b_addr", g.bAddr(), g.n(), g.k(), cfg),
          new Access(Buffer.VEC, "c_addr", "fp32 tile", g.cAddr(), g.m(), 4L * g.n(), 4L * g.n(), true));
    }

    @Override
    public List<Access> visitGemmSf(GemmSf g) {
      long rowBytes = g.packing().packedRowBytes(g.k());
      List<Access> out = new java.util.ArrayList<>(List.of(
          new Access(Buffer.WGT, "wgt_addr", "weights", g.wgtAddr(), g.n(), rowBytes, rowBytes, false),
          floats("act_addr", g.actAddr(), g.m(), g.k(), CfgReg.ACT_ROW_STRIDE_BYTES, false, cfg),
          floats("out_addr", g.outAddr(), g.m(), g.n(), CfgReg.ACC_ROW_STRIDE_BYTES, true, cfg)));
      if (cfg.get(CfgReg.SF_GATE) != 0 && cfg.get(CfgReg.SF_MASK_ADDR) != 0) {
        long bytes = SfGate.maskBytes(g.n(), g.k());
        out.add(new Access(Buffer.WGT, "SF_MASK_ADDR", "masks (n rows of M, then C)", cfg.get(CfgReg.SF_MASK_ADDR), 1,
            bytes, bytes, false));
      }
      return out;
    }

    @Override
    public List<Access> visitGemmQ2(GemmQ2 g) {
      long rowBytes = GemmQ2.rowBytes(g.k());
      return List.of(new Access(Buffer.WGT, "wgt_addr", "zero points and codes", g.wgtAddr(), g.n(), rowBytes, rowBytes,
              false),
          floats("act_addr", g.actAddr(), g.m(), g.k(), CfgReg.ACT_ROW_STRIDE_BYTES, false, cfg),
          floats("out_addr", g.outAddr(), g.m(), g.n(), CfgReg.ACC_ROW_STRIDE_BYTES, true, cfg));
    }

    @Override
    public List<Access> visitGemmIw(GemmIw g) {
      long rowBytes = g.weights().weightRowBytes(g.k());
      return List.of(new Access(Buffer.WGT, "wgt_addr", "weights", g.wgtAddr(), g.n(), rowBytes, rowBytes, false),
          act("act_addr", g.actAddr(), g.m(), g.k(), cfg), acc(g.accAddr(), g.m(), g.n(), cfg));
    }

    @Override
    public List<Access> visitQuantIg(QuantIg q) {
      long rowBytes = 4L * q.len();
      long steps = 4L * q.groups() * q.rows();
      return List.of(new Access(Buffer.VEC, "src_addr", "fp32 input", q.srcAddr(), q.rows(), rowBytes, rowBytes, false),
          new Access(Buffer.ACT, "dst_addr", "codes", q.dstAddr(), q.rows(), q.len(), q.len(), true),
          new Access(Buffer.VEC, "steps_addr", "fp32 steps", q.stepsAddr(), 1, steps, steps, true));
    }

    @Override
    public List<Access> visitGemmBp(GemmBp g) {
      long wRow = g.weightRowBytes();
      long aRow = g.activationRowBytes();
      long aStride = cfg.strideOr(CfgReg.ACT_ROW_STRIDE_BYTES, aRow);
      return List.of(new Access(Buffer.WGT, "wgt_addr", "weight planes", g.wgtAddr(), g.n(), wRow, wRow, false),
          new Access(Buffer.ACT, "act_addr", "activation planes", g.actAddr(), g.m(), aRow, aStride, false),
          acc(g.accAddr(), g.m(), g.n(), cfg));
    }

    @Override
    public List<Access> visitQuantBp(QuantBp q) {
      long rowBytes = 4L * q.len();
      long planes = q.rowBytes();
      return List.of(new Access(Buffer.VEC, "src_addr", "fp32 input", q.srcAddr(), q.rows(), rowBytes, rowBytes, false),
          new Access(Buffer.ACT, "dst_addr", "activation planes", q.dstAddr(), q.rows(), planes, planes, true),
          new Access(Buffer.VEC, "steps_addr", "fp32 steps", q.stepsAddr(), 1, 4L * q.rows(), 4L * q.rows(), true));
    }

    /** The code rows from their zero-point byte through column k0 + k - 1; the int16 tables of 2^g entries. */
    @Override
    public List<Access> visitLutBuildBp(LutBuildBp b) {
      long aRow = b.activationRowBytes();
      long aStride = cfg.strideOr(CfgReg.ACT_ROW_STRIDE_BYTES, aRow);
      return List.of(new Access(Buffer.ACT, "act_addr", "activation codes", b.actAddr(), b.m(), aRow, aStride, false),
          bitPlaneTables(b.lutAddr(), b.m(), b.k(), b.groupSize(), cfg, true));
    }

    /** GEMM.BP's weight rows, LUT.BUILD.BP's tables, the int32 tile. */
    @Override
    public List<Access> visitLutGemmBp(LutGemmBp g) {
      long wRow = g.weightRowBytes();
      return List.of(new Access(Buffer.WGT, "wgt_addr", "weight planes", g.wgtAddr(), g.n(), wRow, wRow, false),
          bitPlaneTables(g.lutAddr(), g.m(), g.k(), g.groupSize(), cfg, false), acc(g.accAddr(), g.m(), g.n(), cfg));
    }

    /** The CSR block: n + 1 row pointers, then CFG SPARSE_ENTRIES entry words. */
    @Override
    public List<Access> visitGemmSparse(GemmSparse g) {
      long bitmap = cfg.get(CfgReg.SPARSE_BITMAP_ADDR);
      long entries = cfg.get(CfgReg.SPARSE_ENTRIES);
      long block = bitmap != 0 ? GemmSparse.bitmapValueBytes(entries) : 4L * (g.n() + 1L) + 4L * entries;
      List<Access> out = new java.util.ArrayList<>(List.of(
          new Access(Buffer.VEC, "csr_addr", bitmap != 0 ? "int8 values" : "CSR block", g.csrAddr(), 1, block, block,
              false),
          floats("act_addr", g.actAddr(), g.m(), g.k(), CfgReg.ACT_ROW_STRIDE_BYTES, false, cfg),
          floats("out_addr", g.outAddr(), g.m(), g.n(), CfgReg.ACC_ROW_STRIDE_BYTES, true, cfg)));
      if (bitmap != 0) {
        long bytes = GemmSparse.bitmapBytes(g.n(), g.k());
        out.add(new Access(Buffer.WGT, "SPARSE_BITMAP_ADDR", "bitmap index", bitmap, 1, bytes, bytes, false));
      }
      return out;
    }

    /** fp32 activations from VEC (as GEMM.SF reads them), fp16 tables in the LUT.BUILD layout. */
    @Override
    public List<Access> visitLutBuildF16(LutBuildF16 b) {
      return List.of(floats("act_addr", b.actAddr(), b.m(), b.k(), CfgReg.ACT_ROW_STRIDE_BYTES, false, cfg),
          tables(b.lutAddr(), b.m(), b.k(), b.groupSize(), b.variant(), cfg, true));
    }

    /** The LUT.GEMM indices and tables, the fp32 outputs in VEC (as GEMM.SF writes them). */
    @Override
    public List<Access> visitLutGemmF16(LutGemmF16 g) {
      long rowBytes = g.packing().packedRowBytes(g.k());
      int groupSize = lutGroupSize(g.packing(), target);
      return List.of(new Access(Buffer.WGT, "wgt_addr", "weight indices", g.wgtAddr(), g.n(), rowBytes, rowBytes,
          false), tables(g.lutAddr(), g.m(), g.k(), groupSize, lutVariant(g.packing(), target), cfg, false),
          floats("out_addr", g.outAddr(), g.m(), g.n(), CfgReg.ACC_ROW_STRIDE_BYTES, true, cfg));
    }

    @Override
    public List<Access> visitVec(Vec v) {
      List<Access> out = new ArrayList<>();
      vec(v, out);
      return out;
    }

    @Override
    public List<Access> visitCfg(Cfg in) {
      return List.of();
    }

    @Override
    public List<Access> visitLoopWeights(LoopWeights in) {
      return List.of();
    }

    @Override
    public List<Access> visitLoopBounds(LoopBounds in) {
      return List.of();
    }

    @Override
    public List<Access> visitLoopGemm(LoopGemm in) {
      return List.of();
    }

    @Override
    public List<Access> visitSync(Sync in) {
      return List.of();
    }

    @Override
    public List<Access> visitFinish(Finish in) {
      return List.of();
    }
  }

  /** The LUT group size tables for this packing use (BIT_PLANES and SIGN_BITS: the target's g). */
  public static int lutGroupSize(Packing p, IsaTarget target) {
    return switch (p) {
      case LUT_G2 -> 2;
      case LUT_G3, LUT_G3_MIRROR -> 3;
      case LUT_G4 -> 4;
      default -> target.lut().map(l -> l.groupSize()).orElse(1);
    };
  }

  /**
   * The table variant a packing is read with. SIGN_BITS rows index the target's binary tables (BINARY or
   * BINARY_MIRROR: the bits alone do not say which); on a target without binary tables they are read as BINARY.
   */
  public static LutVariant lutVariant(Packing p, IsaTarget target) {
    return switch (p) {
      case LUT_G3_MIRROR -> LutVariant.TERNARY_MIRROR;
      case BIT_PLANES -> LutVariant.BIT_SERIAL;
      case SIGN_BITS -> target.lut().map(l -> l.variant()).filter(LutVariant::isBinary).orElse(LutVariant.BINARY);
      default -> LutVariant.TERNARY_BASE3;
    };
  }

  private static Access act(String field, long addr, long rows, long width, ConfigRegisters cfg) {
    long stride = cfg.strideOr(CfgReg.ACT_ROW_STRIDE_BYTES, width);
    return new Access(Buffer.ACT, field, "int8 operand", addr, rows, width, stride, false);
  }

  /** An fp16 ACT operand: rows of {@code width} values, 2 bytes each. */
  private static Access half(String field, long addr, long rows, long width, ConfigRegisters cfg) {
    long stride = cfg.strideOr(CfgReg.ACT_ROW_STRIDE_BYTES, 2 * width);
    return new Access(Buffer.ACT, field, "fp16 operand", addr, rows, 2 * width, stride, false);
  }

  /** An fp32 VEC tile of {@code rows} x {@code width} values whose row stride is {@code strideReg} (0: dense). */
  private static Access floats(String field, long addr, long rows, long width, CfgReg strideReg, boolean write,
      ConfigRegisters cfg) {
    long stride = cfg.strideOr(strideReg, 4 * width);
    return new Access(Buffer.VEC, field, "fp32 tile", addr, rows, 4 * width, stride, write);
  }

  private static Access acc(long addr, long m, long n, ConfigRegisters cfg) {
    long stride = cfg.strideOr(CfgReg.ACC_ROW_STRIDE_BYTES, 4 * n);
    return new Access(Buffer.ACC, "acc_addr", "int32 tile", addr, m, 4 * n, stride, true);
  }

  private static Access tables(long addr, long m, long k, int g, LutVariant variant, ConfigRegisters cfg,
      boolean write) {
    long groups = (k + g - 1) / g;
    long rowBytes = groups * variant.tableBytes(g);
    long stride = cfg.strideOr(CfgReg.LUT_ROW_STRIDE_BYTES, rowBytes);
    return new Access(Buffer.LUT, "lut_addr", "tables",
        addr, m, rowBytes, stride, write);
  }

  /** LUT.BUILD.BP's tables: per token ceil(k/g) int16 tables of 2^g entries (g outside 2 or 4: counted as 2). */
  private static Access bitPlaneTables(long addr, long m, long k, int g, ConfigRegisters cfg, boolean write) {
    long rowBytes = LutBuildBp.rowBytes(k, LutBuildBp.validGroupSize(g) ? g : 2);
    long stride = cfg.strideOr(CfgReg.LUT_ROW_STRIDE_BYTES, rowBytes);
    return new Access(Buffer.LUT, "lut_addr", "bit-plane tables", addr, m, rowBytes, stride, write);
  }

  private static void vec(Vec v, List<Access> out) {
    long rows = v.rows();
    long words = 4L * v.len();
    switch (v.op()) {
      case QUANT -> {
        out.add(new Access(Buffer.VEC, "src_a_addr", "fp32 input", v.srcAAddr(), rows, words, words, false));
        out.add(new Access(Buffer.ACT, "dst_addr", "int8 output", v.dstAddr(), rows, v.len(), v.len(), true));
        out.add(new Access(Buffer.VEC, "src_b_addr", "fp32 scales out", v.srcBAddr(), 1, 4 * rows, 4 * rows, true));
      }
      case DEQUANT -> {
        out.add(new Access(Buffer.ACC, "src_a_addr", "int32 input", v.srcAAddr(), rows, words, words, false));
        out.add(new Access(Buffer.VEC, "src_b_addr", "fp32 scales s_x", v.srcBAddr(), 1, 4 * rows, 4 * rows, false));
        out.add(new Access(Buffer.VEC, "dst_addr", "fp32 output", v.dstAddr(), rows, words, words, true));
      }
      case RMSNORM -> {
        out.add(new Access(Buffer.VEC, "src_a_addr", "fp32 input", v.srcAAddr(), rows, words, words, false));
        out.add(new Access(Buffer.VEC, "src_b_addr", "fp32 gamma", v.srcBAddr(), 1, words, words, false));
        out.add(new Access(Buffer.VEC, "dst_addr", "fp32 output", v.dstAddr(), rows, words, words, true));
      }
      case ADD, MUL, GATE_RELU2, GATE_SILU -> {
        out.add(new Access(Buffer.VEC, "src_a_addr", "fp32 a", v.srcAAddr(), rows, words, words, false));
        out.add(new Access(Buffer.VEC, "src_b_addr", "fp32 b", v.srcBAddr(), rows, words, words, false));
        out.add(new Access(Buffer.VEC, "dst_addr", "fp32 output", v.dstAddr(), rows, words, words, true));
      }
      case TO_F16 -> {
        out.add(new Access(Buffer.VEC, "src_a_addr", "fp32 input", v.srcAAddr(), rows, words, words, false));
        out.add(new Access(Buffer.ACT, "dst_addr", "fp16 output", v.dstAddr(), rows, 2L * v.len(), 2L * v.len(), true));
      }
      case MUL_ROW -> {
        out.add(new Access(Buffer.VEC, "src_a_addr", "fp32 a", v.srcAAddr(), rows, words, words, false));
        out.add(new Access(Buffer.VEC, "src_b_addr", "fp32 row b", v.srcBAddr(), 1, words, words, false));
        out.add(new Access(Buffer.VEC, "dst_addr", "fp32 output", v.dstAddr(), rows, words, words, true));
      }
      case OUTER -> {
        out.add(new Access(Buffer.VEC, "src_a_addr", "fp32 per-row a", v.srcAAddr(), 1, 4 * rows, 4 * rows, false));
        out.add(new Access(Buffer.VEC, "src_b_addr", "fp32 row b", v.srcBAddr(), 1, words, words, false));
        out.add(new Access(Buffer.VEC, "dst_addr", "fp32 output", v.dstAddr(), rows, words, words, true));
      }
      case ACC_SCALE -> {
        long steps = 4L * (v.len() + rows);
        out.add(new Access(Buffer.ACC, "src_a_addr", "int32 input", v.srcAAddr(), rows, words, words, false));
        out.add(new Access(Buffer.VEC, "src_b_addr", "fp32 s_w [len] then s_x [rows]", v.srcBAddr(), 1, steps, steps,
            false));
        out.add(new Access(Buffer.VEC, "dst_addr", "fp32 output", v.dstAddr(), rows, words, words, true));
      }
      case SOFTMAX, ROPE, COPY, SCALE, ROUND_F16, FWHT -> {
        out.add(new Access(Buffer.VEC, "src_a_addr", "fp32 input", v.srcAAddr(), rows, words, words, false));
        out.add(new Access(Buffer.VEC, "dst_addr", "fp32 output", v.dstAddr(), rows, words, words, true));
      }
      case KV_QUANT -> {
        long record = kvRecordBytes(v);
        out.add(new Access(Buffer.VEC, "src_a_addr", "fp32 input", v.srcAAddr(), rows, words, words, false));
        out.add(new Access(Buffer.ACT, "dst_addr", "KV code records", v.dstAddr(), rows, record, record, true));
      }
      case KV_DEQUANT -> {
        long record = kvRecordBytes(v);
        out.add(new Access(Buffer.ACT, "src_a_addr", "KV code records", v.srcAAddr(), rows, record, record, false));
        out.add(new Access(Buffer.ACT, "dst_addr", "fp16 output", v.dstAddr(), rows, 2L * v.len(), 2L * v.len(),
            true));
      }
    }
  }

  /**
   * One row's record of a KV op ({@link KvCodes}); an imm that names no grid (an error the structural check reports)
   * counts the 8-bit record, the widest, so the bounds check still sees every byte the op could touch.
   */
  private static long kvRecordBytes(Vec v) {
    KvCodes codes;
    try {
      codes = KvCodes.ofImm(v.imm());
    } catch (IllegalArgumentException e) {
      codes = new KvCodes(8, 1);
    }
    return codes.recordBytes(v.len());
  }
}
