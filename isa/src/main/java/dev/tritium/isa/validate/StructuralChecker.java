package dev.tritium.isa.validate;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.ConfigRegisters;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmF16;
import dev.tritium.isa.GemmQ2;
import dev.tritium.isa.GemmSf;
import dev.tritium.isa.GemmIw;
import dev.tritium.isa.KvCodes;
import dev.tritium.isa.QuantIg;
import dev.tritium.isa.GemmBp;
import dev.tritium.isa.QuantBp;
import dev.tritium.isa.LutBuildBp;
import dev.tritium.isa.LutGemmBp;
import dev.tritium.isa.IntWidth;
import dev.tritium.isa.GemmSparse;
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
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Queue;
import dev.tritium.isa.SfGate;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.isa.encoding.FieldSpec;
import dev.tritium.isa.encoding.Format;
import dev.tritium.isa.encoding.InstructionCodec;
import dev.tritium.isa.encoding.IsaSpec;
import dev.tritium.isa.loop.ExpandedInstruction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Per-instruction checks of an explicit (expanded) instruction against a target: flags legal for the
 * queue, non-zero shapes, units and packings the target has, every operand's exact byte extent inside
 * its buffer, alignment, strides, in-place rules and required CFG registers.
 */
final class StructuralChecker {

  private static final long DRAM_BYTES = 1L << IsaSpec.DRAM_ADDR_BITS;

  private final IsaTarget target;
  private final Consumer<Finding> sink;

  StructuralChecker(IsaTarget target, Consumer<Finding> sink) {
    this.target = target;
    this.sink = sink;
  }

  private void error(ExpandedInstruction e, String field, String message) {
    sink.accept(new Finding(Severity.ERROR, e.sourceIndex(), e.label(), field, message));
  }

  /** Checks one instruction with the CFG registers in force before it. */
  void check(ExpandedInstruction e, ConfigRegisters cfg) {
    Instruction insn = e.instruction();
    checkFlags(e);
    boolean fits = checkFits(e);
    if (!checkShape(e) || !fits) {
      return;
    }
    checkUnit(e);
    checkDram(e);
    checkRequiredConfig(e, cfg);
    List<Access> accesses = Accesses.of(insn, cfg, target);
    for (Access a : accesses) {
      checkAccess(e, a, cfg);
    }
    for (Access w : accesses) {
      for (Access r : accesses) {
        if (w != r && w.write() && w.overlaps(r) && !(w.start() == r.start() && w.end() == r.end())
            && !tailAligned(insn, w, r)) {
          error(e, w.field(), w.buffer() + " " + w.range() + " (" + w.what() + ") partly overlaps " + r.field() + " "
              + r.range() + " (" + r.what() + "): operands must be identical (in place) or disjoint");
        }
      }
    }
  }

  /**
   * VEC.KV_DEQUANT's records may lie at the tail of its output (the same last byte, starting no earlier): rows run in
   * order and each record is read before its output row is written, and output row r ends at or before record r + 1
   * starts ({@code 2 len (r + 1) <= rows (2 len - R) + R (r + 1)} whenever {@code R <= 2 len}), so the records never
   * need ACT of their own.
   */
  private static boolean tailAligned(Instruction insn, Access w, Access r) {
    return insn instanceof Vec v && v.op() == VecOp.KV_DEQUANT && w.end() == r.end() && r.start() >= w.start();
  }

  private void checkFlags(ExpandedInstruction e) {
    Instruction insn = e.instruction();
    Deps d = insn.deps();
    if (insn instanceof LoopWeights || insn instanceof LoopBounds) {
      if (!d.isEmpty()) {
        error(e, "deps", insn.mnemonic() + " is dispatcher configuration and carries no dependency flags");
      }
      return;
    }
    Queue q = insn.queue();
    if (q.prev() == null && (d.popPrev() || d.pushPrev())) {
      error(e, d.popPrev() ? "pop_prev" : "push_prev", "the load queue has no previous queue");
    }
    if (q.next() == null && (d.popNext() || d.pushNext())) {
      error(e, d.popNext() ? "pop_next" : "push_next", "the store queue has no next queue");
    }
  }

  /** Field values of a written instruction must fit their encoding (expansions are checked by extent). */
  private boolean checkFits(ExpandedInstruction e) {
    if (e.fromMacro()) {
      return true;
    }
    Format f = IsaSpec.format(e.instruction().opcode());
    long[] v = InstructionCodec.fieldValues(e.instruction());
    boolean ok = true;
    for (int i = 0; i < v.length; i++) {
      FieldSpec fs = f.fields().get(i);
      if (!fs.isLegal(v[i])) {
        error(e, fs.name(), "value " + v[i] + " does not fit the encoding, expected " + fs.legalValues());
        ok = false;
      }
    }
    return ok;
  }

  /** Every size-like field must be at least 1. */
  private boolean checkShape(ExpandedInstruction e) {
    Instruction insn = e.instruction();
    boolean ok = true;
    for (Map.Entry<String, Long> dim : dims(insn).entrySet()) {
      if (dim.getValue() < 1) {
        error(e, dim.getKey(), dim.getKey() + " must be >= 1, got " + dim.getValue());
        ok = false;
      }
    }
    return ok;
  }

  private static Map<String, Long> dims(Instruction insn) {
    return insn.accept(DIMS);
  }

  /** The shape fields of each instruction kind that must be >= 1 (none for control instructions). */
  private static final InstructionVisitor<Map<String, Long>> DIMS = new InstructionVisitor<>() {
    @Override
    public Map<String, Long> visitLoad(Load l) {
      return rowsAndBytes(l.rows(), l.rowBytes());
    }

    @Override
    public Map<String, Long> visitStore(Store s) {
      return rowsAndBytes(s.rows(), s.rowBytes());
    }

    @Override
    public Map<String, Long> visitGemmTernary(GemmTernary g) {
      return mnk(g.m(), g.n(), g.k());
    }

    @Override
    public Map<String, Long> visitLutBuild(LutBuild b) {
      return tableDims(b.m(), b.k(), b.groupSize());
    }

    @Override
    public Map<String, Long> visitLutGemm(LutGemm g) {
      return mnk(g.m(), g.n(), g.k());
    }

    @Override
    public Map<String, Long> visitGemmInt8(GemmInt8 g) {
      return mnk(g.m(), g.n(), g.k());
    }

    @Override
    public Map<String, Long> visitGemmF16(GemmF16 g) {
      return mnk(g.m(), g.n(), g.k());
    }

    @Override
    public Map<String, Long> visitGemmSf(GemmSf g) {
      return mnk(g.m(), g.n(), g.k());
    }

    @Override
    public Map<String, Long> visitGemmQ2(GemmQ2 g) {
      return mnk(g.m(), g.n(), g.k());
    }

    @Override
    public Map<String, Long> visitGemmIw(GemmIw g) {
      return mnk(g.m(), g.n(), g.k());
    }

    @Override
    public Map<String, Long> visitGemmBp(GemmBp g) {
      return mnk(g.m(), g.n(), g.k());
    }

    @Override
    public Map<String, Long> visitLutBuildBp(LutBuildBp b) {
      Map<String, Long> d = new LinkedHashMap<>();
      d.put("m", (long) b.m());
      d.put("k", (long) b.k());
      return d;
    }

    @Override
    public Map<String, Long> visitLutGemmBp(LutGemmBp g) {
      return mnk(g.m(), g.n(), g.k());
    }

    @Override
    public Map<String, Long> visitQuantBp(QuantBp q) {
      Map<String, Long> d = new LinkedHashMap<>();
      d.put("rows", (long) q.rows());
      d.put("len", (long) q.len());
      return d;
    }

    @Override
    public Map<String, Long> visitQuantIg(QuantIg q) {
      Map<String, Long> d = new LinkedHashMap<>();
      d.put("rows", (long) q.rows());
      d.put("len", (long) q.len());
      return d;
    }

    @Override
    public Map<String, Long> visitGemmSparse(GemmSparse g) {
      return mnk(g.m(), g.n(), g.k());
    }

    @Override
    public Map<String, Long> visitLutBuildF16(LutBuildF16 b) {
      return tableDims(b.m(), b.k(), b.groupSize());
    }

    @Override
    public Map<String, Long> visitLutGemmF16(LutGemmF16 g) {
      return mnk(g.m(), g.n(), g.k());
    }

    @Override
    public Map<String, Long> visitVec(Vec v) {
      Map<String, Long> d = new LinkedHashMap<>();
      d.put("rows", (long) v.rows());
      d.put("len", (long) v.len());
      return d;
    }

    @Override
    public Map<String, Long> visitCfg(Cfg in) {
      return Map.of();
    }

    @Override
    public Map<String, Long> visitLoopWeights(LoopWeights in) {
      return Map.of();
    }

    @Override
    public Map<String, Long> visitLoopBounds(LoopBounds in) {
      return Map.of();
    }

    @Override
    public Map<String, Long> visitLoopGemm(LoopGemm in) {
      return Map.of();
    }

    @Override
    public Map<String, Long> visitSync(Sync in) {
      return Map.of();
    }

    @Override
    public Map<String, Long> visitFinish(Finish in) {
      return Map.of();
    }

    private Map<String, Long> rowsAndBytes(int rows, int rowBytes) {
      Map<String, Long> d = new LinkedHashMap<>();
      d.put("rows", (long) rows);
      d.put("row_bytes", (long) rowBytes);
      return d;
    }

    /** A table build's extents: tokens, columns and the group size. */
    private static Map<String, Long> tableDims(int m, int k, int groupSize) {
      Map<String, Long> d = new LinkedHashMap<>();
      d.put("m", (long) m);
      d.put("k", (long) k);
      d.put("group_size", (long) groupSize);
      return d;
    }

    private Map<String, Long> mnk(int m, int n, int k) {
      Map<String, Long> d = new LinkedHashMap<>();
      putMnk(d, m, n, k);
      return d;
    }
  };

  private static void putMnk(Map<String, Long> d, int m, int n, int k) {
    d.put("m", (long) m);
    d.put("n", (long) n);
    d.put("k", (long) k);
  }

  private void checkUnit(ExpandedInstruction e) {
    e.instruction().accept(new UnitCheck(e));
  }

  /** The target has the unit each compute instruction needs, reading a packing it supports. */
  private final class UnitCheck implements InstructionVisitor<Void> {
    private final ExpandedInstruction e;

    UnitCheck(ExpandedInstruction e) {
      this.e = e;
    }

    @Override
    public Void visitGemmTernary(GemmTernary g) {
      if (!target.hasMacArray()) {
        error(e, "opcode", "target '" + target.name() + "' has no MAC array");
      }
      if (g.packing().isLutPacking()) {
        error(e, "packing", "the MAC array reads TWO_BIT, BASE3 or SIGN_BITS weights, not " + g.packing());
      } else {
        requirePacking(e, g.packing());
      }
      return null;
    }

    @Override
    public Void visitLutBuild(LutBuild b) {
      checkBuild(b.groupSize(), b.variant());
      return null;
    }

    @Override
    public Void visitLutGemm(LutGemm g) {
      checkLookup(g.packing());
      return null;
    }

    /** LUT.BUILD.F16: LUT.BUILD's rules, the core's fp adders, and a variant whose tables are signed sums. */
    @Override
    public Void visitLutBuildF16(LutBuildF16 b) {
      if (checkBuild(b.groupSize(), b.variant()) && requireLutFloatAdders()) {
        if (b.variant() == LutVariant.BIT_SERIAL) {
          error(e, "variant", "LUT.BUILD.F16 builds TERNARY_BASE3, TERNARY_MIRROR, BINARY or BINARY_MIRROR tables;"
              + " BIT_SERIAL's offset code (2 P1.x + P0.x - sum x) needs integer tables");
        }
      }
      return null;
    }

    /** LUT.GEMM.F16: LUT.GEMM's rules, the core's fp adders, and not the offset-coded BIT_PLANES. */
    @Override
    public Void visitLutGemmF16(LutGemmF16 g) {
      if (checkLookup(g.packing()) && requireLutFloatAdders() && g.packing() == Packing.BIT_PLANES) {
        error(e, "packing", "LUT.GEMM.F16 does not read BIT_PLANES: its offset code needs integer tables");
      }
      return null;
    }

    /** True when the target has a LUT core; errors for a group size or variant it does not build. */
    private boolean checkBuild(int groupSize, LutVariant variant) {
      if (target.lut().isEmpty()) {
        error(e, "opcode", "target '" + target.name() + "' has no LUT tensor core");
        return false;
      }
      LutUnit lut = target.lut().get();
      if (groupSize != lut.groupSize()) {
        error(e, "group_size", "group size " + groupSize + " but the LUT core builds groups of " + lut.groupSize());
      }
      if (variant != lut.variant()) {
        error(e, "variant", variant + " tables but the LUT core builds " + lut.variant());
      }
      if (!variant.supportsGroupSize(groupSize)) {
        error(e, "group_size", variant + " tables need group size 2 or 4 (a group's index is g bits of one"
            + " SIGN_BITS byte), got " + groupSize);
      }
      return true;
    }

    /** True when the target has a LUT core; errors for a packing it does not read. */
    private boolean checkLookup(Packing packing) {
      if (target.lut().isEmpty()) {
        error(e, "opcode", "target '" + target.name() + "' has no LUT tensor core");
        return false;
      } else if (packing != target.lut().get().packing()) {
        error(e, "packing", "packing " + packing + " but the LUT core (g=" + target.lut().get().groupSize() + ", "
            + target.lut().get().variant() + ") " + (target.lut().get().packing() == null ? "has no weight packing"
                : "reads " + target.lut().get().packing()));
      } else {
        requirePacking(e, packing);
      }
      return true;
    }

    private boolean requireLutFloatAdders() {
      if (!target.lut().get().floatAdders()) {
        error(e, "opcode", e.instruction().mnemonic() + " needs fp adders in the LUT core, and target '"
            + target.name() + "' has none (arch lut_core.float_adders: fp32; ISA target lut_float_adders = fp32)");
        return false;
      }
      return true;
    }

    @Override
    public Void visitGemmInt8(GemmInt8 in) {
      return requireVectorUnit();
    }

    @Override
    public Void visitGemmF16(GemmF16 in) {
      return requireVectorUnit();
    }

    @Override
    public Void visitGemmSf(GemmSf g) {
      if (!target.hasMacArray()) {
        error(e, "opcode", "target '" + target.name() + "' has no MAC array");
      } else if (!target.macFloatAdders()) {
        error(e, "opcode", "GEMM.SF needs floating-point adders in the MAC array, and target '"
            + target.name() + "' has none (arch mac_array.float_adders: fp32 or fp16; ISA target mac_float_adders ="
            + " fp32 or fp16)");
      }
      if (g.packing().isLutPacking()) {
        error(e, "packing", "GEMM.SF reads TWO_BIT, BASE3 or SIGN_BITS weights, not " + g.packing());
      } else {
        requirePacking(e, g.packing());
      }
      return null;
    }

    @Override
    public Void visitGemmQ2(GemmQ2 g) {
      if (!target.hasMacArray()) {
        error(e, "opcode", "target '" + target.name() + "' has no MAC array");
      } else if (target.macFloatAdderBits() != 32) {
        // the products (q - z) * a and their sums are fp32 roundings; binary16 adders would round them otherwise
        error(e, "opcode", "GEMM.Q2 needs fp32 adders in the MAC array, and target '" + target.name() + "' has "
            + (target.macFloatAdders() ? "fp" + target.macFloatAdderBits() : "none")
            + " (arch mac_array.float_adders: fp32; ISA target mac_float_adders = fp32)");
      }
      return null;
    }

    @Override
    public Void visitGemmIw(GemmIw g) {
      if (!target.hasMacArray()) {
        error(e, "opcode", "target '" + target.name() + "' has no MAC array");
      } else if (!target.macIntMultiplies(g.multiplierBits())) {
        error(e, "opcode", "GEMM.IW with " + g.weights() + " weights and " + g.activations() + " activations needs "
            + "int" + g.multiplierBits() + " multipliers in the MAC array, and target '" + target.name() + "' has "
            + (target.macIntMultiplierBits() == 0 ? "none" : "int" + target.macIntMultiplierBits() + " only")
            + " (arch mac_array.int_multipliers: int8" + (g.multiplierBits() == 4 ? " or int4" : "")
            + "; ISA target mac_int_multipliers)");
      }
      return null;
    }

    @Override
    public Void visitQuantIg(QuantIg q) {
      if (q.asymmetric() && q.width() != IntWidth.INT4) {
        // q - z of an 8-bit asymmetric grid spans [-255, 255]: it would not fit the signed code byte
        error(e, "asymmetric", "QUANT.IG's asymmetric grid writes q - z as one signed byte, which holds it for INT4"
            + " codes only (-15..15); found width " + q.width() + ", expected INT4");
      }
      return requireVectorUnit();
    }

    @Override
    public Void visitGemmBp(GemmBp g) {
      if (!target.hasMacArray()) {
        error(e, "opcode", "target '" + target.name() + "' has no MAC array");
      } else if (!target.macBitPlane()) {
        error(e, "opcode", "GEMM.BP needs bit-plane (AND + popcount) PEs in the MAC array, and target '"
            + target.name() + "' has none (arch mac_array.bit_plane: true; ISA target mac_bit_plane = true)");
      }
      return null;
    }

    @Override
    public Void visitQuantBp(QuantBp q) {
      return requireVectorUnit();
    }

    @Override
    public Void visitLutBuildBp(LutBuildBp b) {
      lutBitPlane(b.groupSize());
      return null;
    }

    @Override
    public Void visitLutGemmBp(LutGemmBp g) {
      lutBitPlane(g.groupSize());
      return null;
    }

    /** LUT.BUILD.BP and LUT.GEMM.BP: a LUT core with bit-plane tables, g = 2 or 4 (any core variant). */
    private void lutBitPlane(int groupSize) {
      String op = e.instruction().mnemonic();
      if (target.lut().isEmpty()) {
        error(e, "opcode", "target '" + target.name() + "' has no LUT tensor core");
      } else if (!target.lut().get().bitPlane()) {
        error(e, "opcode", op + " needs bit-plane tables in the LUT core, and target '" + target.name()
            + "' has none (arch lut_core.bit_plane: true; ISA target lut_bit_plane = true)");
      }
      if (!LutBuildBp.validGroupSize(groupSize)) {
        error(e, "group_size", op + " needs group size 2 or 4 (a group's g bits of a weight plane never straddle a"
            + " byte), got " + groupSize);
      }
    }

    @Override
    public Void visitGemmSparse(GemmSparse in) {
      return requireVectorUnit();
    }

    @Override
    public Void visitVec(Vec v) {
      if (v.op() == VecOp.ACC_SCALE && v.imm() > VecOp.ACC_SCALE_DIVIDE) {
        error(e, "imm", "VEC.ACC_SCALE takes imm 0 (write), 1 (add to dst) or 2 (divide by s_x), got " + v.imm());
      }
      if ((v.op() == VecOp.MUL_ROW || v.op() == VecOp.OUTER) && v.imm() > 1) {
        error(e, "imm", "VEC." + v.op() + " takes imm 0 (write dst) or 1 (add to dst), got " + v.imm());
      }
      if (v.op().kvCodes()) {
        try {
          KvCodes.ofImm(v.imm());
        } catch (IllegalArgumentException bad) {
          error(e, "imm", "VEC." + v.op() + ": " + bad.getMessage());
        }
      }
      if (v.op() == VecOp.FWHT && v.len() % 2 != 0) {
        // b = len & -len = 1 would mix nothing; the reference transform refuses odd sizes the same way.
        error(e, "len", "VEC.FWHT transforms slices of b = len & -len, so len must be even, got " + v.len());
      }
      return requireVectorUnit();
    }

    private Void requireVectorUnit() {
      if (target.vectorLanes() < 1) {
        error(e, "opcode", "target '" + target.name() + "' has no vector unit (vector_lanes = 0)");
      }
      return null;
    }

    @Override
    public Void visitLoad(Load in) {
      return null;
    }

    @Override
    public Void visitStore(Store in) {
      return null;
    }

    @Override
    public Void visitCfg(Cfg in) {
      return null;
    }

    @Override
    public Void visitLoopWeights(LoopWeights in) {
      return null;
    }

    @Override
    public Void visitLoopBounds(LoopBounds in) {
      return null;
    }

    @Override
    public Void visitLoopGemm(LoopGemm in) {
      return null;
    }

    @Override
    public Void visitSync(Sync in) {
      return null;
    }

    @Override
    public Void visitFinish(Finish in) {
      return null;
    }
  }

  private void requirePacking(ExpandedInstruction e, Packing p) {
    if (!target.packings().contains(p)) {
      error(e, "packing", "target '" + target.name() + "' does not support packing " + p + " (supports "
          + target.packings() + ")");
    }
  }

  private void checkDram(ExpandedInstruction e) {
    Instruction insn = e.instruction();
    long dram;
    long rows;
    long rowBytes;
    long stride;
    if (insn instanceof Load l) {
      dram = l.dramAddr();
      rows = l.rows();
      rowBytes = l.rowBytes();
      stride = l.dramStrideBytes();
    } else if (insn instanceof Store s) {
      dram = s.dramAddr();
      rows = s.rows();
      rowBytes = s.rowBytes();
      stride = s.dramStrideBytes();
      if (rows > 1 && stride < rowBytes) {
        error(e, "dram_stride_bytes", "stride " + stride + " is smaller than a row (" + rowBytes
            + " bytes): stored rows would overwrite each other");
      }
    } else {
      return;
    }
    long end = dram + (rows - 1) * stride + rowBytes;
    if (dram < 0 || stride < 0 || end > DRAM_BYTES) {
      error(e, "dram_addr", String.format("DRAM range [0x%x, 0x%x) passes the %d-bit DRAM address space", dram, end,
          IsaSpec.DRAM_ADDR_BITS));
    } else if (target.inKvStore(end - 1) && (!target.inKvStore(dram)
        || end > IsaTarget.KV_STORE_BASE + target.kvStoreBytes())) {
      // The simulator moves a transfer through the KV store or through DRAM, never both.
      error(e, "dram_addr", String.format("range [0x%x, 0x%x) is not inside the on-chip KV store [0x%x, 0x%x)", dram,
          end, IsaTarget.KV_STORE_BASE, IsaTarget.KV_STORE_BASE + target.kvStoreBytes()));
    }
  }

  private void checkRequiredConfig(ExpandedInstruction e, ConfigRegisters cfg) {
    if (e.instruction() instanceof GemmSf g) {
      checkGate(e, g, cfg);
    }
    if (!(e.instruction() instanceof Vec v)) {
      return;
    }
    if (v.op() == VecOp.DEQUANT) {
      requireUsable(e, cfg, CfgReg.DEQUANT_WEIGHT_SCALE, "DEQUANT");
    }
    if (v.op() == VecOp.RMSNORM) {
      requireUsable(e, cfg, CfgReg.RMSNORM_EPS, "RMSNORM");
    }
    if (v.op() == VecOp.SCALE) {
      requireUsable(e, cfg, CfgReg.VEC_SCALE, "SCALE");
    }
    if (v.op() == VecOp.ROPE) {
      long hd = cfg.get(CfgReg.ROPE_HEAD_DIM);
      if (hd == 0 || hd % 2 != 0 || v.len() % hd != 0) {
        error(e, "len", "ROPE needs CFG ROPE_HEAD_DIM even and dividing len " + v.len() + ", it is " + hd);
      }
      requireUsable(e, cfg, CfgReg.ROPE_THETA, "ROPE");
    }
  }

  /** A gated GEMM.SF (CFG SF_GATE set): a valid gate, SIGN_BITS signs, mask decoders and a mask address. */
  private void checkGate(ExpandedInstruction e, GemmSf g, ConfigRegisters cfg) {
    long value = cfg.get(CfgReg.SF_GATE);
    if (value == 0) {
      return;
    }
    try {
      SfGate.of(value);
    } catch (IllegalArgumentException ex) {
      error(e, "op", "GEMM.SF: " + ex.getMessage());
      return;
    }
    if (!target.macMaskDecode()) {
      error(e, "op", "GEMM.SF with CFG SF_GATE = " + value + " needs mask decoders in the MAC array's PEs, and target '"
          + target.name() + "' has none (arch mac_array.mask_decode: true; ISA target mac_mask_decode = true)");
    }
    if (g.packing() != Packing.SIGN_BITS) {
      error(e, "packing", "a gated GEMM.SF (CFG SF_GATE = " + value + ") reads SIGN_BITS signs, not " + g.packing());
    }
    requireUsable(e, cfg, CfgReg.SF_MASK_ADDR, "gated GEMM.SF");
  }

  /** The simulator's rule ({@link CfgReg#usable}): set, and for fp32 registers finite and nonzero. */
  private void requireUsable(ExpandedInstruction e, ConfigRegisters cfg, CfgReg reg, String op) {
    long value = cfg.get(reg);
    if (value == 0) {
      error(e, "op", op + " needs CFG " + reg + ", which no earlier CFG set");
    } else if (!reg.usable(value)) {
      error(e, "op", op + " needs CFG " + reg + " finite and nonzero, but the last CFG set it to " + reg.show(value));
    }
  }

  private void checkAccess(ExpandedInstruction e, Access a, ConfigRegisters cfg) {
    Buffer b = a.buffer();
    long size = target.bytes(b);
    if (a.start() < 0 || a.end() > size) {
      error(e, a.field(), a.describe() + " occupies " + b + " " + a.range() + ", past the end of " + b + " ("
          + size + " bytes)");
    }
    int align = b.alignmentBytes();
    if (a.start() % align != 0) {
      error(e, a.field(), String.format("%s address 0x%x is not %d-byte aligned", b, a.start(), align));
    }
    if (a.rows() > 1 && a.strideBytes() % align != 0) {
      error(e, a.field(), b + " row stride " + a.strideBytes() + " is not a multiple of " + align);
    }
    if ((e.instruction() instanceof Load || e.instruction() instanceof Store) && a.rowBytes() % align != 0) {
      error(e, "row_bytes", "row_bytes " + a.rowBytes() + " into " + b + " must be a multiple of " + align);
    }
    if (a.rows() > 1 && a.strideBytes() < a.rowBytes()) {
      error(e, a.field(), b + " row stride " + a.strideBytes() + " (CFG) is smaller than a row of " + a.rowBytes()
          + " bytes, so rows overlap");
    }
  }
}
