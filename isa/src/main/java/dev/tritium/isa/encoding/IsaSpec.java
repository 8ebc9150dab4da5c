package dev.tritium.isa.encoding;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmF16;
import dev.tritium.isa.GemmQ2;
import dev.tritium.isa.GemmSf;
import dev.tritium.isa.GemmIw;
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
import dev.tritium.isa.Load;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutBuildF16;
import dev.tritium.isa.LutGemm;
import dev.tritium.isa.LutGemmF16;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Opcode;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.isa.Deps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The single source of truth of the instruction encoding. Every instruction is 128 bits, stored as
 * 16 little-endian bytes (bit i is bit i%8 of byte i/8). Bits 0..9 are the common header (opcode and
 * the four dependency flags); each format's payload fields follow from bit 10 in the order listed
 * here, packed without gaps; bits above the last field are reserved and must be zero.
 */
public final class IsaSpec {

  /** Format version written in binary headers; bump on any change to this table. */
  public static final int FORMAT_VERSION = 1;
  public static final int INSTRUCTION_BYTES = 16;
  public static final int HEADER_BITS = 10;

  /** Width of every SRAM byte address (16 MiB per buffer). */
  public static final int SRAM_ADDR_BITS = 24;
  /** Width of every DRAM byte address (64 GiB). */
  public static final int DRAM_ADDR_BITS = 36;
  /** Width of the m, n, k tile dimensions of one compute instruction (up to 16383). */
  public static final int TILE_DIM_BITS = 14;

  /** The common header: opcode then pop_prev, pop_next, push_prev, push_next. */
  public static final List<FieldSpec> HEADER = List.of(
      new FieldSpec("opcode", 0, 6, FieldKind.UINT, List.of(), "operation code"),
      new FieldSpec("pop_prev", 6, 1, FieldKind.BOOL, List.of(), "pop a token from the previous queue before starting"),
      new FieldSpec("pop_next", 7, 1, FieldKind.BOOL, List.of(), "pop a token from the next queue before starting"),
      new FieldSpec("push_prev", 8, 1, FieldKind.BOOL, List.of(), "push a token to the previous queue on completion"),
      new FieldSpec("push_next", 9, 1, FieldKind.BOOL, List.of(), "push a token to the next queue on completion"));

  private static final Map<Opcode, Format> FORMATS = buildFormats();

  private IsaSpec() {}

  /** The format of an opcode. */
  public static Format format(Opcode op) {
    return FORMATS.get(op);
  }

  /** All formats in opcode order. */
  public static List<Format> formats() {
    return List.copyOf(FORMATS.values());
  }

  /** Names of an enum's constants in code (ordinal) order. */
  public static List<String> names(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
  }

  private static Map<Opcode, Format> buildFormats() {
    Map<Opcode, Format> m = new EnumMap<>(Opcode.class);
    add(m, new Builder(Opcode.LOAD, "LOAD", "2-D strided DMA, DRAM -> SRAM buffer (SRAM side contiguous)")
            .enumField("buffer", 3, Buffer.class, "destination buffer")
            .addr("sram_addr", SRAM_ADDR_BITS, "destination byte address of row 0 in the buffer")
            .addr("dram_addr", DRAM_ADDR_BITS, "source DRAM byte address of row 0")
            .uint("rows", 14, "number of rows")
            .uint("row_bytes", 17, "bytes per row")
            .uint("dram_stride_bytes", 24, "DRAM distance between row starts (0 broadcasts one row)"),
        i -> dma(((Load) i).buffer(), ((Load) i).sramAddr(), ((Load) i).dramAddr(), ((Load) i).rows(),
            ((Load) i).rowBytes(), ((Load) i).dramStrideBytes()),
        (d, v) -> new Load(d, Buffer.values()[(int) v[0]], v[1], v[2], (int) v[3], (int) v[4], v[5]));
    add(m, new Builder(Opcode.STORE, "STORE", "2-D strided DMA, SRAM buffer -> DRAM (SRAM side contiguous)")
            .enumField("buffer", 3, Buffer.class, "source buffer")
            .addr("sram_addr", SRAM_ADDR_BITS, "source byte address of row 0 in the buffer")
            .addr("dram_addr", DRAM_ADDR_BITS, "destination DRAM byte address of row 0")
            .uint("rows", 14, "number of rows")
            .uint("row_bytes", 17, "bytes per row")
            .uint("dram_stride_bytes", 24, "DRAM distance between row starts"),
        i -> dma(((Store) i).buffer(), ((Store) i).sramAddr(), ((Store) i).dramAddr(), ((Store) i).rows(),
            ((Store) i).rowBytes(), ((Store) i).dramStrideBytes()),
        (d, v) -> new Store(d, Buffer.values()[(int) v[0]], v[1], v[2], (int) v[3], (int) v[4], v[5]));
    add(m, new Builder(Opcode.GEMM_T, "COMPUTE", "ternary MAC-array tile: ACC[m][n] (+)= sum_k W[n][k] * ACT[m][k]")
            .addr("wgt_addr", SRAM_ADDR_BITS, "WGT address of n packed weight rows")
            .addr("act_addr", SRAM_ADDR_BITS, "ACT address of int8 [m][k] (row stride: CFG ACT_ROW_STRIDE_BYTES)")
            .addr("acc_addr", SRAM_ADDR_BITS, "ACC address of int32 [m][n] (row stride: CFG ACC_ROW_STRIDE_BYTES)")
            .uint("m", TILE_DIM_BITS, "tokens (activation rows)")
            .uint("n", TILE_DIM_BITS, "outputs (weight rows)")
            .uint("k", TILE_DIM_BITS, "reduction length")
            .enumField("packing", 3, Packing.class, "weight packing of each row")
            .bool("accumulate", "0: overwrite ACC, 1: add to ACC"),
        i -> {
          GemmTernary g = (GemmTernary) i;
          return new long[] {g.wgtAddr(), g.actAddr(), g.accAddr(), g.m(), g.n(), g.k(), g.packing().code(),
              bit(g.accumulate())};
        },
        (d, v) -> new GemmTernary(d, v[0], v[1], v[2], (int) v[3], (int) v[4], (int) v[5],
            Packing.values()[(int) v[6]], v[7] != 0));
    add(m, new Builder(Opcode.LUT_BUILD, "COMPUTE", "build LUT tables of activation-group partial sums")
            .addr("act_addr", SRAM_ADDR_BITS, "ACT address of int8 [m][k]")
            .addr("lut_addr", SRAM_ADDR_BITS, "LUT address of the tables")
            .uint("m", TILE_DIM_BITS, "tokens")
            .uint("k", TILE_DIM_BITS, "activations per token")
            .uint("group_size", 3, "g, must equal the LUT core's")
            .enumField("variant", 3, LutVariant.class, "table variant, must equal the LUT core's"),
        i -> {
          LutBuild b = (LutBuild) i;
          return new long[] {b.actAddr(), b.lutAddr(), b.m(), b.k(), b.groupSize(), b.variant().code()};
        },
        (d, v) -> new LutBuild(d, v[0], v[1], (int) v[2], (int) v[3], (int) v[4], LutVariant.values()[(int) v[5]]));
    add(m, new Builder(Opcode.LUT_GEMM, "COMPUTE", "LUT lookup-accumulate: ACC[m][n] (+)= sum_g table[m][g][index[n][g]]")
            .addr("wgt_addr", SRAM_ADDR_BITS, "WGT address of n rows of packed group indices")
            .addr("lut_addr", SRAM_ADDR_BITS, "LUT address of the tables built by LUT.BUILD")
            .addr("acc_addr", SRAM_ADDR_BITS, "ACC address of int32 [m][n]")
            .uint("m", TILE_DIM_BITS, "tokens")
            .uint("n", TILE_DIM_BITS, "outputs")
            .uint("k", TILE_DIM_BITS, "reduction length in weights")
            .enumField("packing", 3, Packing.class, "weight packing, must be the LUT core's")
            .bool("accumulate", "0: overwrite ACC, 1: add to ACC"),
        i -> {
          LutGemm g = (LutGemm) i;
          return new long[] {g.wgtAddr(), g.lutAddr(), g.accAddr(), g.m(), g.n(), g.k(), g.packing().code(),
              bit(g.accumulate())};
        },
        (d, v) -> new LutGemm(d, v[0], v[1], v[2], (int) v[3], (int) v[4], (int) v[5],
            Packing.values()[(int) v[6]], v[7] != 0));
    add(m, new Builder(Opcode.GEMM_I8, "COMPUTE", "int8 x int8 tile: ACC[m][n] (+)= sum_k A[m][k] * B[n][k] (B[k][n] if transposed)")
            .addr("a_addr", SRAM_ADDR_BITS, "ACT address of A int8 [m][k]")
            .addr("b_addr", SRAM_ADDR_BITS, "ACT address of B int8 [n][k] or [k][n]")
            .addr("acc_addr", SRAM_ADDR_BITS, "ACC address of int32 [m][n]")
            .uint("m", TILE_DIM_BITS, "rows of A")
            .uint("n", TILE_DIM_BITS, "rows of B (columns if transposed)")
            .uint("k", TILE_DIM_BITS, "reduction length")
            .bool("transpose_b", "1: B is stored [k][n]")
            .bool("accumulate", "0: overwrite ACC, 1: add to ACC"),
        i -> {
          GemmInt8 g = (GemmInt8) i;
          return new long[] {g.aAddr(), g.bAddr(), g.accAddr(), g.m(), g.n(), g.k(), bit(g.transposeB()),
              bit(g.accumulate())};
        },
        (d, v) -> new GemmInt8(d, v[0], v[1], v[2], (int) v[3], (int) v[4], (int) v[5], v[6] != 0, v[7] != 0));
    add(m, new Builder(Opcode.GEMM_F16, "COMPUTE", "fp16 x fp16 tile on the vector lanes: VEC[m][n] (+)= sum_k A[m][k] * B[n][k] (B[k][n] if transposed), fp32 sums")
            .addr("a_addr", SRAM_ADDR_BITS, "ACT address of A fp16 [m][k]")
            .addr("b_addr", SRAM_ADDR_BITS, "ACT address of B fp16 [n][k] or [k][n]")
            .addr("c_addr", SRAM_ADDR_BITS, "VEC address of fp32 [m][n] (dense rows)")
            .uint("m", TILE_DIM_BITS, "rows of A")
            .uint("n", TILE_DIM_BITS, "rows of B (columns if transposed)")
            .uint("k", TILE_DIM_BITS, "reduction length")
            .bool("transpose_b", "1: B is stored [k][n]")
            .bool("accumulate", "0: overwrite C, 1: add to C"),
        i -> {
          GemmF16 g = (GemmF16) i;
          return new long[] {g.aAddr(), g.bAddr(), g.cAddr(), g.m(), g.n(), g.k(), bit(g.transposeB()),
              bit(g.accumulate())};
        },
        (d, v) -> new GemmF16(d, v[0], v[1], v[2], (int) v[3], (int) v[4], (int) v[5], v[6] != 0, v[7] != 0));
    add(m, new Builder(Opcode.GEMM_SF, "COMPUTE", "sign-add tile on fp32 activations (MAC array fp32 or fp16 adders): OUT[m][n] (+)= sum_k W[n][k] (.) A[m][k]")
            .addr("wgt_addr", SRAM_ADDR_BITS, "WGT address of n packed weight rows")
            .addr("act_addr", SRAM_ADDR_BITS, "VEC address of fp32 [m][k] (row stride: CFG ACT_ROW_STRIDE_BYTES)")
            .addr("out_addr", SRAM_ADDR_BITS, "VEC address of fp32 [m][n] (row stride: CFG ACC_ROW_STRIDE_BYTES)")
            .uint("m", TILE_DIM_BITS, "tokens (activation rows)")
            .uint("n", TILE_DIM_BITS, "outputs (weight rows)")
            .uint("k", TILE_DIM_BITS, "reduction length")
            .enumField("packing", 3, Packing.class, "weight packing of each row")
            .bool("accumulate", "0: overwrite OUT, 1: add to OUT"),
        i -> {
          GemmSf g = (GemmSf) i;
          return new long[] {g.wgtAddr(), g.actAddr(), g.outAddr(), g.m(), g.n(), g.k(), g.packing().code(),
              bit(g.accumulate())};
        },
        (d, v) -> new GemmSf(d, v[0], v[1], v[2], (int) v[3], (int) v[4], (int) v[5],
            Packing.values()[(int) v[6]], v[7] != 0));
    add(m, new Builder(Opcode.GEMM_Q2, "COMPUTE", "2-bit asymmetric codes on fp32 activations (MAC array fp32 adders): OUT[m][n] (+)= sum_k (q[n][k] - z[n]) * A[m][k]")
            .addr("wgt_addr", SRAM_ADDR_BITS, "WGT address of n rows of k + 1 two-bit fields (zero point, then the codes)")
            .addr("act_addr", SRAM_ADDR_BITS, "VEC address of fp32 [m][k] (row stride: CFG ACT_ROW_STRIDE_BYTES)")
            .addr("out_addr", SRAM_ADDR_BITS, "VEC address of fp32 [m][n] (row stride: CFG ACC_ROW_STRIDE_BYTES)")
            .uint("m", TILE_DIM_BITS, "tokens (activation rows)")
            .uint("n", TILE_DIM_BITS, "outputs (weight rows)")
            .uint("k", TILE_DIM_BITS, "reduction length")
            .bool("accumulate", "0: overwrite OUT, 1: add to OUT"),
        i -> {
          GemmQ2 g = (GemmQ2) i;
          return new long[] {g.wgtAddr(), g.actAddr(), g.outAddr(), g.m(), g.n(), g.k(), bit(g.accumulate())};
        },
        (d, v) -> new GemmQ2(d, v[0], v[1], v[2], (int) v[3], (int) v[4], (int) v[5], v[6] != 0));
    add(m, new Builder(Opcode.GEMM_IW, "COMPUTE", "integer tile on the MAC array's int multipliers: ACC[m][n] (+)= sum_k W[n][k] * A[m][k], exact int32")
            .addr("wgt_addr", SRAM_ADDR_BITS, "WGT address of n packed weight rows (int8: k bytes, int4: ceil(k/2) bytes)")
            .addr("act_addr", SRAM_ADDR_BITS, "ACT address of signed bytes [m][k] (row stride: CFG ACT_ROW_STRIDE_BYTES)")
            .addr("acc_addr", SRAM_ADDR_BITS, "ACC address of int32 [m][n] (row stride: CFG ACC_ROW_STRIDE_BYTES)")
            .uint("m", TILE_DIM_BITS, "tokens (activation rows)")
            .uint("n", TILE_DIM_BITS, "outputs (weight rows)")
            .uint("k", TILE_DIM_BITS, "reduction length")
            .enumField("weights", 1, IntWidth.class, "weight width: INT8 bytes or INT4 two's complement nibbles")
            .enumField("activations", 1, IntWidth.class, "activation width (one signed byte each; INT4: in [-8, 7])")
            .bool("accumulate", "0: overwrite ACC, 1: add to ACC"),
        i -> {
          GemmIw g = (GemmIw) i;
          return new long[] {g.wgtAddr(), g.actAddr(), g.accAddr(), g.m(), g.n(), g.k(), g.weights().ordinal(),
              g.activations().ordinal(), bit(g.accumulate())};
        },
        (d, v) -> new GemmIw(d, v[0], v[1], v[2], (int) v[3], (int) v[4], (int) v[5],
            IntWidth.values()[(int) v[6]], IntWidth.values()[(int) v[7]], v[8] != 0));
    add(m, new Builder(Opcode.QUANT_IG, "COMPUTE", "vector unit: fp32 rows to symmetric integer-grid codes per group, fp16 steps (integer formats' activations)")
            .addr("dst_addr", SRAM_ADDR_BITS, "ACT address of the signed byte codes [rows][len]")
            .addr("src_addr", SRAM_ADDR_BITS, "VEC address of fp32 [rows][len] (dense)")
            .addr("steps_addr", SRAM_ADDR_BITS, "VEC address of the fp32 steps [groups][rows] (group-major)")
            .uint("rows", 12, "rows (tokens)")
            .uint("len", TILE_DIM_BITS, "values per row")
            .uint("group", TILE_DIM_BITS, "values per group (0: the whole row; the last group may be shorter)")
            .enumField("width", 1, IntWidth.class, "code width: INT8 (-128..127) or INT4 (-8..7)")
            .bool("asymmetric", "1: asymmetric grid with a zero point z, codes written as q - z (INT4 only: -15..15)"),
        i -> {
          QuantIg q = (QuantIg) i;
          return new long[] {q.dstAddr(), q.srcAddr(), q.stepsAddr(), q.rows(), q.len(), q.group(), q.width().ordinal(),
              bit(q.asymmetric())};
        },
        (d, v) -> new QuantIg(d, v[0], v[1], v[2], (int) v[3], (int) v[4], (int) v[5], IntWidth.values()[(int) v[6]],
            v[7] != 0));
    // GEMM.BP fills the 118 payload bits exactly: m takes 12 bits (VEC's rows), n 13 (an ACC tile's outputs) and the
    // plane counts 3 bits each, stored minus one (1 to 8 planes).
    add(m, new Builder(Opcode.GEMM_BP, "COMPUTE", "bit-plane tile on the MAC array's AND + popcount PEs: ACC[m][n] (+)= sum_k (u_w - z_w[n]) * (u_x - z_x[m]) from P x Q binary plane products, exact int32")
            .addr("wgt_addr", SRAM_ADDR_BITS, "WGT address of n weight rows (zero-point byte, then P planes of ceil(k/8) bytes)")
            .addr("act_addr", SRAM_ADDR_BITS, "ACT address of m activation rows (zero-point byte, then Q planes; row stride: CFG ACT_ROW_STRIDE_BYTES)")
            .addr("acc_addr", SRAM_ADDR_BITS, "ACC address of int32 [m][n] (row stride: CFG ACC_ROW_STRIDE_BYTES)")
            .uint("m", 12, "tokens (activation rows)")
            .uint("n", 13, "outputs (weight rows)")
            .uint("k", TILE_DIM_BITS, "reduction length (columns of each plane)")
            .uint("w_planes_m1", 3, "weight planes P minus 1 (P = 1..8)")
            .uint("a_planes_m1", 3, "activation planes Q minus 1 (Q = 1..8)")
            .bool("accumulate", "0: overwrite ACC, 1: add to ACC"),
        i -> {
          GemmBp g = (GemmBp) i;
          return new long[] {g.wgtAddr(), g.actAddr(), g.accAddr(), g.m(), g.n(), g.k(), g.weightPlanes() - 1L,
              g.activationPlanes() - 1L, bit(g.accumulate())};
        },
        (d, v) -> new GemmBp(d, v[0], v[1], v[2], (int) v[3], (int) v[4], (int) v[5], (int) v[6] + 1, (int) v[7] + 1,
            v[8] != 0));
    add(m, new Builder(Opcode.QUANT_BP, "COMPUTE", "vector unit: fp32 rows to asymmetric Q-bit codes per row as GEMM.BP activation rows (zero-point byte, bit planes), fp16 steps")
            .addr("dst_addr", SRAM_ADDR_BITS, "ACT address of the rows (1 + Q ceil(len/8) bytes each, dense)")
            .addr("src_addr", SRAM_ADDR_BITS, "VEC address of fp32 [rows][len] (dense)")
            .addr("steps_addr", SRAM_ADDR_BITS, "VEC address of the fp32 steps [rows]")
            .uint("rows", 12, "rows (tokens)")
            .uint("len", TILE_DIM_BITS, "values per row")
            .uint("planes_m1", 3, "code bits Q minus 1 (Q = 1..8)")
            // bit 111 was reserved zero, so every earlier QUANT.BP decodes unchanged (bit planes)
            .bool("bytes", "0: GEMM.BP bit-plane rows, 1: the zero-point byte then one byte per code (LUT.BUILD.BP)"),
        i -> {
          QuantBp q = (QuantBp) i;
          return new long[] {q.dstAddr(), q.srcAddr(), q.stepsAddr(), q.rows(), q.len(), q.planes() - 1L,
              bit(q.bytes())};
        },
        (d, v) -> new QuantBp(d, v[0], v[1], v[2], (int) v[3], (int) v[4], (int) v[5] + 1, v[6] != 0));
    add(m, new Builder(Opcode.LUT_BUILD_BP, "COMPUTE", "LUT core: int16 subset-sum tables of (u_x - z_x) over groups of g unsigned activation codes, for LUT.GEMM.BP")
            .addr("act_addr", SRAM_ADDR_BITS, "ACT address of m code rows (zero-point byte, then one byte per code; row stride: CFG ACT_ROW_STRIDE_BYTES)")
            .addr("lut_addr", SRAM_ADDR_BITS, "LUT address of the tables (row stride: CFG LUT_ROW_STRIDE_BYTES)")
            .uint("m", 12, "tokens")
            .uint("k", TILE_DIM_BITS, "codes per token in this build (columns k0 .. k0 + k - 1)")
            .uint("k0", TILE_DIM_BITS, "first column: the codes start at byte 1 + k0 of each row")
            .uint("group_size", 3, "g, 2 or 4"),
        i -> {
          LutBuildBp b = (LutBuildBp) i;
          return new long[] {b.actAddr(), b.lutAddr(), b.m(), b.k(), b.k0(), b.groupSize()};
        },
        (d, v) -> new LutBuildBp(d, v[0], v[1], (int) v[2], (int) v[3], (int) v[4], (int) v[5]));
    // LUT.GEMM.BP fills the 118 payload bits exactly, as GEMM.BP does (m 12 bits, n 13).
    add(m, new Builder(Opcode.LUT_GEMM_BP, "COMPUTE", "LUT core: ACC[m][n] (+)= sum_p 2^p sum_q T[m][q][plane p index] - z_w[n] sum_q T[m][q][2^g-1], GEMM.BP's weight rows, exact int32")
            .addr("wgt_addr", SRAM_ADDR_BITS, "WGT address of n weight rows (zero-point byte, then P planes of ceil(k/8) bytes)")
            .addr("lut_addr", SRAM_ADDR_BITS, "LUT address of the tables built by LUT.BUILD.BP (row stride: CFG LUT_ROW_STRIDE_BYTES)")
            .addr("acc_addr", SRAM_ADDR_BITS, "ACC address of int32 [m][n] (row stride: CFG ACC_ROW_STRIDE_BYTES)")
            .uint("m", 12, "tokens")
            .uint("n", 13, "outputs (weight rows)")
            .uint("k", TILE_DIM_BITS, "reduction length (columns of each plane)")
            .uint("w_planes_m1", 3, "weight planes P minus 1 (P = 1..8)")
            .uint("group_size", 3, "g of the tables, 2 or 4")
            .bool("accumulate", "0: overwrite ACC, 1: add to ACC"),
        i -> {
          LutGemmBp g = (LutGemmBp) i;
          return new long[] {g.wgtAddr(), g.lutAddr(), g.accAddr(), g.m(), g.n(), g.k(), g.weightPlanes() - 1L,
              g.groupSize(), bit(g.accumulate())};
        },
        (d, v) -> new LutGemmBp(d, v[0], v[1], v[2], (int) v[3], (int) v[4], (int) v[5], (int) v[6] + 1, (int) v[7],
            v[8] != 0));
    add(m, new Builder(Opcode.GEMM_SP, "COMPUTE", "sparse int8 outliers on the vector lanes: OUT[m][n] (+)= sum_e q_e * A[m][col_e] (CSR in VEC)")
            .addr("csr_addr", SRAM_ADDR_BITS, "VEC address of the CSR block: n + 1 uint32 row pointers, then the entries")
            .addr("act_addr", SRAM_ADDR_BITS, "VEC address of fp32 [m][k] (row stride: CFG ACT_ROW_STRIDE_BYTES)")
            .addr("out_addr", SRAM_ADDR_BITS, "VEC address of fp32 [m][n] (row stride: CFG ACC_ROW_STRIDE_BYTES)")
            .uint("m", TILE_DIM_BITS, "tokens (activation rows)")
            .uint("n", TILE_DIM_BITS, "outputs (CSR rows)")
            .uint("k", TILE_DIM_BITS, "activations per token (every column is below k)")
            .bool("accumulate", "0: overwrite OUT, 1: add to OUT"),
        i -> {
          GemmSparse g = (GemmSparse) i;
          return new long[] {g.csrAddr(), g.actAddr(), g.outAddr(), g.m(), g.n(), g.k(), bit(g.accumulate())};
        },
        (d, v) -> new GemmSparse(d, v[0], v[1], v[2], (int) v[3], (int) v[4], (int) v[5], v[6] != 0));
    add(m, new Builder(Opcode.LUT_BUILD_F16, "COMPUTE", "build fp16 LUT tables of fp32 activation-group sums (LUT core fp adders)")
            .addr("act_addr", SRAM_ADDR_BITS, "VEC address of fp32 [m][k] (row stride: CFG ACT_ROW_STRIDE_BYTES)")
            .addr("lut_addr", SRAM_ADDR_BITS, "LUT address of the tables (row stride: CFG LUT_ROW_STRIDE_BYTES)")
            .uint("m", TILE_DIM_BITS, "tokens")
            .uint("k", TILE_DIM_BITS, "activations per token")
            .uint("group_size", 3, "g, must equal the LUT core's")
            .enumField("variant", 3, LutVariant.class, "table variant, must equal the LUT core's (not BIT_SERIAL)"),
        i -> {
          LutBuildF16 b = (LutBuildF16) i;
          return new long[] {b.actAddr(), b.lutAddr(), b.m(), b.k(), b.groupSize(), b.variant().code()};
        },
        (d, v) -> new LutBuildF16(d, v[0], v[1], (int) v[2], (int) v[3], (int) v[4],
            LutVariant.values()[(int) v[5]]));
    add(m, new Builder(Opcode.LUT_GEMM_F16, "COMPUTE", "fp16 LUT lookup-accumulate in fp32: OUT[m][n] (+)= sum_g table[m][g][index[n][g]]")
            .addr("wgt_addr", SRAM_ADDR_BITS, "WGT address of n rows of packed group indices")
            .addr("lut_addr", SRAM_ADDR_BITS, "LUT address of the tables built by LUT.BUILD.F16")
            .addr("out_addr", SRAM_ADDR_BITS, "VEC address of fp32 [m][n] (row stride: CFG ACC_ROW_STRIDE_BYTES)")
            .uint("m", TILE_DIM_BITS, "tokens")
            .uint("n", TILE_DIM_BITS, "outputs")
            .uint("k", TILE_DIM_BITS, "reduction length in weights")
            .enumField("packing", 3, Packing.class, "weight packing, must be the LUT core's (not BIT_PLANES)")
            .bool("accumulate", "0: overwrite OUT, 1: add to OUT"),
        i -> {
          LutGemmF16 g = (LutGemmF16) i;
          return new long[] {g.wgtAddr(), g.lutAddr(), g.outAddr(), g.m(), g.n(), g.k(), g.packing().code(),
              bit(g.accumulate())};
        },
        (d, v) -> new LutGemmF16(d, v[0], v[1], v[2], (int) v[3], (int) v[4], (int) v[5],
            Packing.values()[(int) v[6]], v[7] != 0));
    add(m, new Builder(Opcode.VEC, "COMPUTE", "vector-unit op over [rows][len] (op written as VEC.<op>)")
            .enumField("op", 5, VecOp.class, "the operation")
            .addr("dst_addr", SRAM_ADDR_BITS, "destination address (buffer per op)")
            .addr("src_a_addr", SRAM_ADDR_BITS, "first source address (buffer per op)")
            .addr("src_b_addr", SRAM_ADDR_BITS, "second operand / scales address (VEC)")
            .uint("rows", 12, "rows")
            .uint("len", TILE_DIM_BITS, "elements per row")
            .uint("imm", Vec.IMM_BITS, "SOFTMAX causal length of row 0 (0: all); ROPE position of row 0; MUL_ROW and OUTER: 1 adds to dst; ACC_SCALE: 0 writes, 1 adds, 2 divides; KV_QUANT and KV_DEQUANT: G + 4096 (b - 1), G group, b bits"),
        i -> {
          Vec x = (Vec) i;
          return new long[] {x.op().code(), x.dstAddr(), x.srcAAddr(), x.srcBAddr(), x.rows(), x.len(), x.imm()};
        },
        (d, v) -> new Vec(d, VecOp.values()[(int) v[0]], v[1], v[2], v[3], (int) v[4], (int) v[5], (int) v[6]),
        "op");
    add(m, new Builder(Opcode.CFG, "COMPUTE", "write a configuration register")
            .enumField("reg", 6, CfgReg.class, "register")
            .uint("value", 32, "new value (fp32 bits for float registers)"),
        i -> new long[] {((Cfg) i).reg().code(), ((Cfg) i).value()},
        (d, v) -> new Cfg(d, CfgReg.values()[(int) v[0]], v[1]));
    add(m, new Builder(Opcode.LOOP_WEIGHTS, "COMPUTE", "LOOP.GEMM configuration 1/2: weight stream and WGT slots")
            .addr("dram_addr", DRAM_ADDR_BITS, "DRAM address of weight row 0 (row-major [N][packed K])")
            .uint("dram_row_stride_bytes", 24, "DRAM distance between weight rows")
            .addr("slot0_addr", SRAM_ADDR_BITS, "WGT address of double-buffer slot 0 (even tiles)")
            .addr("slot1_addr", SRAM_ADDR_BITS, "WGT address of double-buffer slot 1 (odd tiles)"),
        i -> {
          LoopWeights w = (LoopWeights) i;
          return new long[] {w.dramAddr(), w.dramRowStrideBytes(), w.slot0Addr(), w.slot1Addr()};
        },
        (d, v) -> new LoopWeights(d, v[0], v[1], v[2], v[3]));
    add(m, new Builder(Opcode.LOOP_BOUNDS, "COMPUTE", "LOOP.GEMM configuration 2/2: bounds, tiles, unit, packing")
            .uint("m", TILE_DIM_BITS, "tokens M")
            .uint("n", 20, "outputs N")
            .uint("k", 20, "reduction length K")
            .uint("tile_n", TILE_DIM_BITS, "weight rows per tile")
            .uint("tile_k", TILE_DIM_BITS, "weights per row per tile")
            .enumField("unit", 1, ComputeUnit.class, "MAC: GEMM.T tiles, LUT: LUT.GEMM tiles")
            .enumField("packing", 3, Packing.class, "weight packing"),
        i -> {
          LoopBounds b = (LoopBounds) i;
          return new long[] {b.m(), b.n(), b.k(), b.tileN(), b.tileK(), b.unit().code(), b.packing().code()};
        },
        (d, v) -> new LoopBounds(d, (int) v[0], (int) v[1], (int) v[2], (int) v[3], (int) v[4],
            ComputeUnit.values()[(int) v[5]], Packing.values()[(int) v[6]]));
    add(m, new Builder(Opcode.LOOP_GEMM, "COMPUTE (macro)", "tiled weight-stream GEMM macro, expanded at dispatch")
            .addr("act_addr", SRAM_ADDR_BITS, "ACT address of int8 [M][K] (MAC unit)")
            .addr("acc_addr", SRAM_ADDR_BITS, "ACC address of int32 [M][N]")
            .addr("lut_addr", SRAM_ADDR_BITS, "LUT address of the [M][ceil(K/g)] tables (LUT unit)")
            .bool("accumulate", "1: the first K tile adds to ACC instead of overwriting")
            .bool("wait_slots", "1: the first min(T,S) loads pop compute->load tokens (S = 2 slots, 1 when slot0_addr = slot1_addr)")
            .bool("free_slots", "1: the last min(T,S) tile ops push compute->load tokens (S as for wait_slots)"),
        i -> {
          LoopGemm g = (LoopGemm) i;
          return new long[] {g.actAddr(), g.accAddr(), g.lutAddr(), bit(g.accumulate()), bit(g.waitSlots()),
              bit(g.freeSlots())};
        },
        (d, v) -> new LoopGemm(d, v[0], v[1], v[2], v[3] != 0, v[4] != 0, v[5] != 0));
    add(m, new Builder(Opcode.SYNC, "field queue", "no-op carrying dependency flags")
            .enumField("queue", 2, Queue.class, "queue the SYNC runs in"),
        i -> new long[] {((Sync) i).syncQueue().code()},
        (d, v) -> new Sync(d, Queue.values()[(int) v[0]]));
    add(m, new Builder(Opcode.FINISH, "COMPUTE", "end of program; token counters must be balanced"),
        i -> new long[0],
        (d, v) -> new Finish(d));
    return m;
  }

  private static long[] dma(Buffer b, long sram, long dram, int rows, int rowBytes, long stride) {
    return new long[] {b.code(), sram, dram, rows, rowBytes, stride};
  }

  private static long bit(boolean b) {
    return b ? 1 : 0;
  }

  private static void add(Map<Opcode, Format> m, Builder b, Function<Instruction, long[]> values,
      BiFunction<Deps, long[], Instruction> build) {
    add(m, b, values, build, null);
  }

  private static void add(Map<Opcode, Format> m, Builder b, Function<Instruction, long[]> values,
      BiFunction<Deps, long[], Instruction> build, String mnemonicField) {
    m.put(b.opcode, new Format(b.opcode, b.queue, b.summary, b.fields, mnemonicField, values, build));
  }

  /** Lays fields out back to back from bit 10. */
  private static final class Builder {
    private final Opcode opcode;
    private final String queue;
    private final String summary;
    private final List<FieldSpec> fields = new ArrayList<>();
    private int next = HEADER_BITS;

    Builder(Opcode opcode, String queue, String summary) {
      this.opcode = opcode;
      this.queue = queue;
      this.summary = summary;
    }

    private Builder field(String name, int width, FieldKind kind, List<String> names, String description) {
      fields.add(new FieldSpec(name, next, width, kind, names, description));
      next += width;
      if (next > 128) {
        throw new IllegalStateException(opcode + " needs " + next + " bits, more than 128");
      }
      return this;
    }

    Builder uint(String name, int width, String description) {
      return field(name, width, FieldKind.UINT, List.of(), description);
    }

    Builder addr(String name, int width, String description) {
      return field(name, width, FieldKind.ADDR, List.of(), description);
    }

    Builder bool(String name, String description) {
      return field(name, 1, FieldKind.BOOL, List.of(), description);
    }

    Builder enumField(String name, int width, Class<? extends Enum<?>> type, String description) {
      List<String> names = names(type);
      if (names.size() > (1 << width)) {
        throw new IllegalStateException(name + ": " + names.size() + " constants do not fit " + width + " bits");
      }
      return field(name, width, FieldKind.ENUM, names, description);
    }
  }
}
