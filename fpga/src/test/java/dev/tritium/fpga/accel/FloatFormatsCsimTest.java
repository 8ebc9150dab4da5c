package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.fpga.accel.ProgramImages.DramRange;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmSf;
import dev.tritium.isa.GemmSparse;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.isa.encoding.ProgramBinary;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.packing.WeightPackings;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.simulator.memory.DramImage;
import dev.tritium.simulator.memory.MachineState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fp16-activation weight-format instructions in the generated accelerator: a hand-assembled program runs
 * GEMM.SF in each MAC packing (TWO_BIT over two column tiles of the 64-column array, BASE3 accumulating with both
 * row strides set, SIGN_BITS, TWO_BIT in place, and a tile of fp32 specials with and without accumulate), GEMM.SP
 * (empty rows, unsorted and repeated columns, accumulate with strides, no entries at all), VEC.ROUND_F16 (ties,
 * overflow, subnormals, NaN, -0; in place), MUL_ROW and OUTER with imm 0 and 1, then STOREs VEC: csim's final
 * DRAM image equals the Java functional simulator's byte for byte, and the outputs equal the ISA's formulas
 * evaluated here from the test's own weights and entries. A flipped GEMM.SF weight bit, a changed CSR q byte and a
 * flipped golden bit each fail the comparison; a bad CSR pointer, a column >= k, a LUT packing in GEMM.SF, imm 2
 * and GEMM.SF on an arch without fp32 adders stop both simulators.
 */
class FloatFormatsCsimTest {

  static final ArchConfig ARCH = ArchKeys.with(ArchConfigs.preset("edge-fpga"), "mac_array.float_adders", "fp32");
  static final long SEED = 23;

  /** One GEMM.SF tile: its weights (row-major n x k, -1/0/+1) and where its operands live. */
  static final class Sf {
    final Packing packing;
    final int m;
    final int n;
    final int k;
    final boolean accumulate;
    final int actStride;
    final int outStride;
    final byte[] weights;
    int wgtAddr;
    int actAddr;
    int outAddr;

    Sf(Packing packing, int m, int n, int k, boolean accumulate, int actStride, int outStride, byte[] weights) {
      this.packing = packing;
      this.m = m;
      this.n = n;
      this.k = k;
      this.accumulate = accumulate;
      this.actStride = actStride;
      this.outStride = outStride;
      this.weights = weights;
    }

    int actRowBytes() {
      return actStride == 0 ? 4 * k : actStride;
    }

    int outRowBytes() {
      return outStride == 0 ? 4 * n : outStride;
    }

    GemmSf instruction() {
      return new GemmSf(Deps.NONE, wgtAddr, actAddr, outAddr, m, n, k, packing, accumulate);
    }
  }

  /** A CSR row list: per output row the (column, q) entries in stored order. */
  static final int[][][] CSR_ROWS = {
      {},
      {{39, 127}, {0, -128}, {5, 3}},
      {{7, 1}},
      {},
      {{2, -1}, {2, 5}},
      {{10, 100}, {11, -100}, {12, 64}}};
  static final int SP_K = 40;
  static final int SP_M = 3;
  static final int SP_N = CSR_ROWS.length;
  static final int SP_E = 9;
  static final int SP_ACT_STRIDE = 4 * SP_K + 16;
  static final int SP_OUT_STRIDE = 4 * SP_N + 4;
  static final int EMPTY_N = 4;

  /** ROUND_F16 specials: rows x len. */
  static final int RR = 2;
  static final int RL = 32;
  /** MUL_ROW / OUTER: rows x len. */
  static final int MR = 3;
  static final int ML = 24;
  static final float ONE_PLUS = 1f + 0x1p-12f;

  // The GEMM.SF cases: dense TWO_BIT over two column tiles, BASE3 accumulating at strides, SIGN_BITS, in place.
  static Sf sf1;
  static Sf sf2;
  static Sf sf3;
  static Sf sf4a;
  static Sf sf4b;
  static Sf sf5;

  // VEC addresses (bytes) of the other operands
  static int vCsr;
  static int vSpAct;
  static int vSpActStrided;
  static int vSpOut;
  static int vSpOutAcc;
  static int vEmptyCsr;
  static int vEmptyOut;
  static int vRound;
  static int vRoundOut;
  static int vRoundInPlace;
  static int vMa;
  static int vMb;
  static int vMulOut0;
  static int vMulOut1;
  static int vMulInPlace;
  static int vOa;
  static int vOuterOut0;
  static int vOuterOut1;
  static int vecEnd;
  static int wgtEnd;

  // DRAM layout
  static final long D_VEC = 0;
  static long dWgt;
  static long dOut;

  @TempDir static Path tmp;
  static Path dir;
  static ProgramImages program;
  static byte[] vecIn;
  static byte[] wgtIn;

  private static int next;

  private static int alloc(int bytes) {
    int at = next;
    next = (next + bytes + 63) / 64 * 64;
    return at;
  }

  static byte[] ternary(SplittableRandom rnd, int count, boolean binary) {
    byte[] w = new byte[count];
    for (int i = 0; i < count; i++) {
      if (binary) {
        w[i] = (byte) (rnd.nextBoolean() ? 1 : -1);
      } else {
        int r = rnd.nextInt(100);
        w[i] = (byte) (r < 30 ? 0 : r < 65 ? 1 : -1);
      }
    }
    return w;
  }

  /** The fp32 specials tile of sf4 (2 x 10): order effects, NaN with a payload, infinities, overflow, signed zeros. */
  static final float[] SPECIAL_ACT = {
      1e8f, 1f, 1e8f, -0f, Float.intBitsToFloat(0x7fc00001), Float.POSITIVE_INFINITY, 3e38f, 3e38f,
      Float.POSITIVE_INFINITY, 0.5f,
      -0f, -0f, 0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1f, 0.1f, 0.2f, 0.3f, 1e-3f};
  /** Its weights (8 x 10), each row one case checked by hand in goldenOutputsAreTheIsaFormulas. */
  static final byte[] SPECIAL_W = {
      1, 1, -1, 0, 0, 0, 0, 0, 0, 0, // (1e8 + 1) - 1e8 = 0: the 1 is lost in k order
      0, 0, 0, 1, 0, 0, 0, 0, 0, 0, // 0f + -0f = +0f; from OUT = -0f: -0f
      0, 0, 0, 0, 1, 0, 0, 0, 0, 0, // the NaN and its payload
      0, 0, 0, 0, 0, 1, 0, 0, -1, 0, // inf - inf: NaN
      0, 0, 0, 0, 0, 0, 1, 1, 0, 0, // 3e38 + 3e38 overflows to +inf
      0, 0, 0, 0, -1, 1, 0, 0, 0, 0, // NaN, then + inf: NaN
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // nothing added: 0f, or OUT
      -1, -1, -1, -1, 0, -1, -1, -1, 0, -1}; // every column but the NaN and the second inf: -inf

  static float[] gaussians(SplittableRandom rnd, int count) {
    float[] f = new float[count];
    for (int i = 0; i < count; i++) {
      f[i] = (float) (rnd.nextGaussian() * Math.scalb(1.0, rnd.nextInt(-12, 13)));
    }
    return f;
  }

  /** ROUND_F16 specials, then seeded values from 2^-26 to 2^17. */
  static float[] roundSpecials(SplittableRandom rnd) {
    float[] s = {1f + 0x1p-11f, 1f + 3 * 0x1p-11f, -(1f + 0x1p-11f), 65504f, 65519.996f, 65520f, -65520f, 0x1p-24f,
        0x1p-25f, Math.nextUp(0x1p-25f), 3 * 0x1p-25f, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.intBitsToFloat(0xffc01234), Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE, 2049f, 2051f, 4097f, 0.1f};
    float[] out = new float[RR * RL];
    for (int i = 0; i < out.length; i++) {
      out[i] = i < s.length ? s[i] : (float) (rnd.nextGaussian() * Math.scalb(1.0, rnd.nextInt(-26, 18)));
    }
    return out;
  }

  private static void putFloats(ByteBuffer b, int addr, float[] values) {
    for (int i = 0; i < values.length; i++) {
      b.putInt(addr + 4 * i, Float.floatToRawIntBits(values[i]));
    }
  }

  private static void putStrided(ByteBuffer b, int addr, int rows, int cols, int stride, float[] values) {
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        b.putInt(addr + r * stride + 4 * c, Float.floatToRawIntBits(values[r * cols + c]));
      }
    }
  }

  /** The CSR block: n + 1 row pointers, then one word per entry (column bits 0..23, q bits 24..31). */
  static int[] csrWords(int[][][] rows) {
    List<Integer> ptr = new ArrayList<>();
    List<Integer> entries = new ArrayList<>();
    ptr.add(0);
    for (int[][] row : rows) {
      for (int[] e : row) {
        entries.add(e[0] | (e[1] & 0xff) << 24);
      }
      ptr.add(entries.size());
    }
    int[] out = new int[ptr.size() + entries.size()];
    for (int i = 0; i < ptr.size(); i++) {
      out[i] = ptr.get(i);
    }
    for (int i = 0; i < entries.size(); i++) {
      out[ptr.size() + i] = entries.get(i);
    }
    return out;
  }

  /** Lays out VEC and WGT and fills them from the seed. */
  static void layout(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] w1 = ternary(rnd, 70 * 37, false);
    w1[0] = 1; // W1[0][0] = +1, so flipping the high bit of its 2-bit code makes it -1 (a valid code)
    sf1 = new Sf(Packing.TWO_BIT, 3, 70, 37, false, 0, 0, w1);
    sf2 = new Sf(Packing.BASE3, 2, 9, 23, true, 4 * 23 + 12, 4 * 9 + 8, ternary(rnd, 9 * 23, false));
    sf3 = new Sf(Packing.SIGN_BITS, 2, 5, 13, false, 0, 0, ternary(rnd, 5 * 13, true));
    sf4a = new Sf(Packing.TWO_BIT, 2, 8, 10, false, 0, 0, SPECIAL_W);
    sf4b = new Sf(Packing.TWO_BIT, 2, 8, 10, true, 0, 0, SPECIAL_W);
    sf5 = new Sf(Packing.TWO_BIT, 2, 6, 6, true, 0, 0, ternary(rnd, 36, false));
    next = 0;
    int wgt = 0;
    for (Sf s : List.of(sf1, sf2, sf3, sf4a, sf5)) {
      s.wgtAddr = wgt;
      wgt += (int) (s.n * s.packing.packedRowBytes(s.k));
    }
    sf4b.wgtAddr = sf4a.wgtAddr;
    wgtEnd = wgt;
    for (Sf s : List.of(sf1, sf2, sf3, sf4a)) {
      s.actAddr = alloc((s.m - 1) * s.actRowBytes() + 4 * s.k);
      s.outAddr = alloc((s.m - 1) * s.outRowBytes() + 4 * s.n);
    }
    sf4b.actAddr = sf4a.actAddr;
    sf4b.outAddr = alloc(4 * sf4b.m * sf4b.n);
    sf5.actAddr = alloc(4 * sf5.m * sf5.k);
    sf5.outAddr = sf5.actAddr; // in place: the outputs replace the activations row for row
    vCsr = alloc(4 * (SP_N + 1 + SP_E));
    vSpAct = alloc(4 * SP_M * SP_K);
    vSpActStrided = alloc((SP_M - 1) * SP_ACT_STRIDE + 4 * SP_K);
    vSpOut = alloc(4 * SP_M * SP_N);
    vSpOutAcc = alloc((SP_M - 1) * SP_OUT_STRIDE + 4 * SP_N);
    vEmptyCsr = alloc(4 * (EMPTY_N + 1));
    vEmptyOut = alloc(4 * 2 * EMPTY_N);
    vRound = alloc(4 * RR * RL);
    vRoundOut = alloc(4 * RR * RL);
    vRoundInPlace = alloc(4 * RR * RL);
    vMa = alloc(4 * MR * ML);
    vMb = alloc(4 * ML);
    vMulOut0 = alloc(4 * MR * ML);
    vMulOut1 = alloc(4 * MR * ML);
    vMulInPlace = alloc(4 * MR * ML);
    vOa = alloc(4 * MR);
    vOuterOut0 = alloc(4 * MR * ML);
    vOuterOut1 = alloc(4 * MR * ML);
    vecEnd = next;

    ByteBuffer vec = ByteBuffer.allocate(vecEnd).order(ByteOrder.LITTLE_ENDIAN);
    // every output region starts with seeded data, so an overwrite that leaves a value behind shows
    putFloats(vec, 0, gaussians(rnd, vecEnd / 4));
    for (Sf s : List.of(sf1, sf2, sf3, sf5)) {
      putStrided(vec, s.actAddr, s.m, s.k, s.actRowBytes(), gaussians(rnd, s.m * s.k));
    }
    putFloats(vec, sf4a.actAddr, SPECIAL_ACT);
    float[] minusZeros = new float[sf4b.m * sf4b.n];
    Arrays.fill(minusZeros, -0f);
    putFloats(vec, sf4b.outAddr, minusZeros);
    int[] csr = csrWords(CSR_ROWS);
    for (int i = 0; i < csr.length; i++) {
      vec.putInt(vCsr + 4 * i, csr[i]);
    }
    float[] spAct = gaussians(rnd, SP_M * SP_K);
    // row 1 of token 0 by hand: 0f + 127 * 0 + (-128) * (3 / 128) = -3, then 3 * (1 + 2^-23) = 3 + 3 * 2^-23 rounds
    // (a tie) to 3 + 2^-21, so the sum is 2^-21, where a fused multiply-add would give 3 * 2^-23
    spAct[39] = 0f;
    spAct[0] = 3f / 128f;
    spAct[5] = 1f + 0x1p-23f;
    putFloats(vec, vSpAct, spAct);
    putStrided(vec, vSpActStrided, SP_M, SP_K, SP_ACT_STRIDE, gaussians(rnd, SP_M * SP_K));
    for (int i = 0; i <= EMPTY_N; i++) {
      vec.putInt(vEmptyCsr + 4 * i, 0);
    }
    float[] round = roundSpecials(rnd);
    putFloats(vec, vRound, round);
    putFloats(vec, vRoundInPlace, round);
    float[] ma = gaussians(rnd, MR * ML);
    float[] mb = gaussians(rnd, ML);
    float[] oa = gaussians(rnd, MR);
    // element 0: (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24 rounds to 1 + 2^-11 (a tie to even), then -1 + it = 2^-11;
    // a fused multiply-add would give 2^-11 + 2^-24
    ma[0] = ONE_PLUS;
    mb[0] = ONE_PLUS;
    oa[0] = ONE_PLUS;
    putFloats(vec, vMa, ma);
    putFloats(vec, vMulInPlace, ma);
    putFloats(vec, vMb, mb);
    putFloats(vec, vOa, oa);
    vec.putFloat(vMulOut1, -1f);
    vec.putFloat(vOuterOut1, -1f);
    vecIn = vec.array();

    wgtIn = new byte[wgtEnd];
    for (Sf s : List.of(sf1, sf2, sf3, sf4a, sf5)) {
      byte[] packed = WeightPackings.byName(s.packing.modelsName()).encode(s.weights, s.n, s.k);
      System.arraycopy(packed, 0, wgtIn, s.wgtAddr, packed.length);
    }
    dWgt = (vecEnd + 4095) / 4096 * 4096;
    dOut = (dWgt + wgtEnd + 4095) / 4096 * 4096;
  }

  static List<Instruction> program(UnaryOperator<Instruction> edit) {
    Deps none = Deps.NONE;
    List<Instruction> p = new ArrayList<>();
    p.add(new Load(none, Buffer.VEC, 0, D_VEC, 1, vecEnd, vecEnd));
    p.add(new Load(new Deps(false, false, false, true), Buffer.WGT, 0, dWgt, 1, wgtEnd, wgtEnd));
    p.add(new Sync(new Deps(true, false, false, false), Queue.COMPUTE));
    p.add(sf1.instruction());
    p.add(new Cfg(none, CfgReg.ACT_ROW_STRIDE_BYTES, sf2.actStride));
    p.add(new Cfg(none, CfgReg.ACC_ROW_STRIDE_BYTES, sf2.outStride));
    p.add(sf2.instruction());
    p.add(new Cfg(none, CfgReg.ACT_ROW_STRIDE_BYTES, 0));
    p.add(new Cfg(none, CfgReg.ACC_ROW_STRIDE_BYTES, 0));
    p.add(sf3.instruction());
    p.add(sf4a.instruction());
    p.add(sf4b.instruction());
    p.add(sf5.instruction());
    p.add(new Cfg(none, CfgReg.SPARSE_ENTRIES, SP_E));
    p.add(new GemmSparse(none, vCsr, vSpAct, vSpOut, SP_M, SP_N, SP_K, false));
    p.add(new Cfg(none, CfgReg.ACT_ROW_STRIDE_BYTES, SP_ACT_STRIDE));
    p.add(new Cfg(none, CfgReg.ACC_ROW_STRIDE_BYTES, SP_OUT_STRIDE));
    p.add(new GemmSparse(none, vCsr, vSpActStrided, vSpOutAcc, SP_M, SP_N, SP_K, true));
    p.add(new Cfg(none, CfgReg.ACT_ROW_STRIDE_BYTES, 0));
    p.add(new Cfg(none, CfgReg.ACC_ROW_STRIDE_BYTES, 0));
    p.add(new Cfg(none, CfgReg.SPARSE_ENTRIES, 0));
    p.add(new GemmSparse(none, vEmptyCsr, vSpAct, vEmptyOut, 2, EMPTY_N, SP_K, false));
    p.add(new Vec(none, VecOp.ROUND_F16, vRoundOut, vRound, 0, RR, RL, 0));
    p.add(new Vec(none, VecOp.ROUND_F16, vRoundInPlace, vRoundInPlace, 0, RR, RL, 0));
    p.add(new Vec(none, VecOp.MUL_ROW, vMulOut0, vMa, vMb, MR, ML, 0));
    p.add(new Vec(none, VecOp.MUL_ROW, vMulOut1, vMa, vMb, MR, ML, 1));
    p.add(new Vec(none, VecOp.MUL_ROW, vMulInPlace, vMulInPlace, vMb, MR, ML, 1));
    p.add(new Vec(none, VecOp.OUTER, vOuterOut0, vOa, vMb, MR, ML, 0));
    p.add(new Vec(none, VecOp.OUTER, vOuterOut1, vOa, vMb, MR, ML, 1));
    p.add(new Sync(new Deps(false, false, false, true), Queue.COMPUTE));
    p.add(new Store(new Deps(true, false, true, false), Buffer.VEC, 0, dOut, 1, vecEnd, vecEnd));
    p.add(new Sync(new Deps(false, true, false, false), Queue.COMPUTE));
    p.add(new Finish(none));
    return p.stream().map(edit).toList();
  }

  static DramImage dram(byte[] vec, byte[] wgt) {
    DramImage dram = new DramImage(MachineState.DEFAULT_DRAM_BYTES);
    dram.write(D_VEC, vec);
    dram.write(dWgt, wgt);
    dram.write(dOut, new byte[vecEnd]); // reserve the output range so the image covers it before the run
    return dram;
  }

  static ProgramImages images(ArchConfig arch, List<Instruction> p, DramImage dram) {
    return ProgramImages.simulate("fp16-activation format instructions, seed " + SEED, arch, p, dram,
        List.of(new DramRange("VEC operands", D_VEC, vecEnd), new DramRange("packed weights", dWgt, wgtEnd)),
        List.of(new DramRange("VEC after the run", dOut, vecEnd)));
  }

  static Path export(Path to, ArchConfig arch, ProgramImages p) throws Exception {
    AcceleratorProject.write(to, AcceleratorConfig.of(arch, FpgaPart.byName("kv260")), Optional.of(p));
    return to;
  }

  @BeforeAll
  static void build() throws Exception {
    layout(SEED);
    program = images(ARCH, program(UnaryOperator.identity()), dram(vecIn, wgtIn));
    dir = export(tmp.resolve("ff"), ARCH, program);
    AccelSim.Run r = AccelSim.make(dir);
    assertEquals(0, r.exitCode(), "the unmutated program must pass:\n" + r.output());
  }

  private static AccelSim.Run run(Path in, byte[] programBin, byte[] dramIn) throws Exception {
    Files.write(in.resolve("mutant.bin"), programBin);
    Files.write(in.resolve("mutant_dram.bin"), dramIn);
    AccelSim.Run sim = AccelSim.run(in, List.of("./accel_sim", "mutant.bin", "mutant_dram.bin", "mutant_out.bin"));
    if (sim.exitCode() != 0) {
      return sim;
    }
    AccelSim.Run cmp = AccelSim.run(in, List.of("./compare", "mutant_out.bin", "data/dram_golden.bin"));
    return new AccelSim.Run(cmp.exitCode(), sim.output() + cmp.output());
  }

  private static byte[] flip(byte[] bytes, long bitOffset) {
    byte[] out = bytes.clone();
    out[(int) (bitOffset / 8)] ^= (byte) (1 << (bitOffset % 8));
    return out;
  }

  private static int bits(byte[] image, long addr) {
    return ByteBuffer.wrap(image, (int) addr, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  private static float fp32(byte[] image, long addr) {
    return Float.intBitsToFloat(bits(image, addr));
  }

  /** An output after the run (the stored copy of VEC). */
  private static float out(int vecAddr) {
    return fp32(program.dramGolden(), dOut + vecAddr);
  }

  /** An operand before the run. */
  private static float in(int vecAddr) {
    return fp32(program.dramIn(), D_VEC + vecAddr);
  }

  private static void assertBits(float expected, float actual, String what) {
    assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual), what + ": expected " + expected
        + ", got " + actual);
  }

  /** The ISA's GEMM.SF formula on the test's own weights and the input image. */
  private static void assertSfFormula(Sf s) {
    for (int t = 0; t < s.m; t++) {
      for (int j = 0; j < s.n; j++) {
        int at = s.outAddr + t * s.outRowBytes() + 4 * j;
        float sum = s.accumulate ? in(at) : 0f;
        for (int i = 0; i < s.k; i++) {
          float a = in(s.actAddr + t * s.actRowBytes() + 4 * i);
          int w = s.weights[j * s.k + i];
          sum = w > 0 ? sum + a : w < 0 ? sum - a : sum;
        }
        assertBits(sum, out(at), s.packing + " GEMM.SF [" + t + "][" + j + "]");
      }
    }
  }

  @Test
  void csimImageEqualsTheJavaSimulatorsByteForByte() throws Exception {
    AccelSim.Run r = AccelSim.make(dir);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("PASS: " + program.dramGolden().length + " bytes of DRAM identical"), r.output());
    assertArrayEquals(program.dramGolden(), Files.readAllBytes(dir.resolve("dram_out.bin")));
  }

  @Test
  void goldenOutputsAreTheIsaFormulas() {
    for (Sf s : List.of(sf1, sf2, sf3, sf5)) {
      assertSfFormula(s);
    }
    // the specials by hand (row 0 of sf4): 1e8 + 1 rounds to 1e8, so (1e8 + 1) - 1e8 is 0, not 1
    int a = sf4a.outAddr;
    int b = sf4b.outAddr;
    assertBits(0f, out(a), "(1e8 + 1) - 1e8");
    assertBits(0f, out(a + 4), "0f + -0f");
    assertBits(-0f, out(b + 4), "-0f (OUT) + -0f");
    assertEquals(0x7fc00001, bits(program.dramGolden(), dOut + a + 8), "the NaN keeps its payload");
    assertTrue(Float.isNaN(out(a + 12)), "inf - inf");
    assertBits(Float.POSITIVE_INFINITY, out(a + 16), "3e38 + 3e38");
    assertTrue(Float.isNaN(out(a + 20)), "NaN + inf");
    assertBits(0f, out(a + 24), "no nonzero weight: 0f");
    assertBits(-0f, out(b + 24), "no nonzero weight: OUT = -0f");
    assertBits(Float.NEGATIVE_INFINITY, out(a + 28), "a sum reaching -inf");
    // row 1 of sf4: -0f, -0f, 0f subtracted from 0f, and the smallest subnormals
    assertBits(0f, out(a + 32), "0f + -0f + -0f - 0f");
    assertBits(Float.MIN_VALUE, out(a + 36), "0f + 2^-149");
    // GEMM.SP by hand: 0f + 127 a[39] + (-128) a[0] + 3 a[5] in stored order; empty rows 0f, or OUT when accumulating
    for (int t = 0; t < SP_M; t++) {
      for (int j = 0; j < SP_N; j++) {
        float s = 0f;
        float acc = in(vSpOutAcc + t * SP_OUT_STRIDE + 4 * j);
        for (int[] e : CSR_ROWS[j]) {
          s = s + (float) e[1] * in(vSpAct + 4 * (t * SP_K + e[0]));
          acc = acc + (float) e[1] * in(vSpActStrided + t * SP_ACT_STRIDE + 4 * e[0]);
        }
        assertBits(s, out(vSpOut + 4 * (t * SP_N + j)), "GEMM.SP [" + t + "][" + j + "]");
        assertBits(acc, out(vSpOutAcc + t * SP_OUT_STRIDE + 4 * j), "GEMM.SP accumulated [" + t + "][" + j + "]");
      }
    }
    assertBits(0x1p-21f, out(vSpOut + 4), "GEMM.SP [0][1]: -3 + (3 * (1 + 2^-23) rounded)");
    assertBits(3 * 0x1p-23f, Math.fma(3f, 1f + 0x1p-23f, -3f), "the fused multiply-add would give 3 * 2^-23");
    for (int i = 0; i < 2 * EMPTY_N; i++) {
      assertBits(0f, out(vEmptyOut + 4 * i), "GEMM.SP with no entries writes 0f");
    }
    // ROUND_F16: 1 + 2^-11 ties to 1, 1 + 3 * 2^-11 to 1 + 2^-9, 65519.996 to 65504, 65520 to inf, 2^-25 to 0,
    // -0 stays -0, and every NaN becomes the canonical fp16 NaN widened (0x7fc00000)
    float[] expected = {1f, 1f + 0x1p-9f, -1f, 65504f, 65504f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        0x1p-24f, 0f, 0x1p-24f, 0x1p-23f, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    for (int i = 0; i < expected.length; i++) {
      assertBits(expected[i], out(vRoundOut + 4 * i), "ROUND_F16 of " + in(vRound + 4 * i));
      assertBits(expected[i], out(vRoundInPlace + 4 * i), "ROUND_F16 in place of " + in(vRound + 4 * i));
    }
    assertEquals(0x7fc00000, bits(program.dramGolden(), dOut + vRoundOut + 4 * 15), "ROUND_F16 of a negative NaN");
    assertEquals(0x7fc00000, bits(program.dramGolden(), dOut + vRoundOut + 4 * 16), "ROUND_F16 of NaN");
    // MUL_ROW and OUTER: the product rounds before the add; (1 + 2^-12)^2 - 1 = 2^-11, where an FMA gives more
    assertBits(0x1p-11f, out(vMulOut1), "MUL_ROW imm 1: -1 + (1 + 2^-12)^2");
    assertBits(0x1p-11f, out(vOuterOut1), "OUTER imm 1: -1 + (1 + 2^-12)^2");
    assertNotEquals(0x1p-11f, Math.fma(ONE_PLUS, ONE_PLUS, -1f), "the FMA would differ");
    for (int r = 0; r < MR; r++) {
      for (int j = 0; j < ML; j++) {
        int at = 4 * (r * ML + j);
        float p = in(vMa + at) * in(vMb + 4 * j);
        float q = in(vOa + 4 * r) * in(vMb + 4 * j);
        assertBits(p, out(vMulOut0 + at), "MUL_ROW imm 0");
        assertBits(in(vMulOut1 + at) + p, out(vMulOut1 + at), "MUL_ROW imm 1");
        assertBits(in(vMa + at) + p, out(vMulInPlace + at), "MUL_ROW imm 1 in place");
        assertBits(q, out(vOuterOut0 + at), "OUTER imm 0");
        assertBits(in(vOuterOut1 + at) + q, out(vOuterOut1 + at), "OUTER imm 1");
      }
    }
  }

  @Test
  void aFlippedGemmSfWeightBitFails() throws Exception {
    // bit 1 of W1[0][0]'s 2-bit code: code 2 (+1) becomes 0 (-1), so every output of column 0 moves by 2 a[t][0]
    long bit = 8 * (dWgt + sf1.wgtAddr) + 1;
    AccelSim.Run r = run(dir, program.programBinary(), flip(program.dramIn(), bit));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.output().contains("FAIL:"), r.output());
    byte[] got = Files.readAllBytes(dir.resolve("mutant_out.bin"));
    long at = dOut + sf1.outAddr;
    assertNotEquals(bits(program.dramGolden(), at), bits(got, at), "the flipped weight did not change y[0][0]");
  }

  @Test
  void aChangedCsrQByteFails() throws Exception {
    // bit 0 of the q byte of entry 0 (row 1: column 39, q 127 -> 126; token 0 has a[39] = 0, the others do not)
    long word = D_VEC + vCsr + 4L * (SP_N + 1);
    AccelSim.Run r = run(dir, program.programBinary(), flip(program.dramIn(), 8 * (word + 3)));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.output().contains("FAIL:"), r.output());
    byte[] got = Files.readAllBytes(dir.resolve("mutant_out.bin"));
    long at = dOut + vSpOut + 4L * (SP_N + 1);
    assertNotEquals(bits(program.dramGolden(), at), bits(got, at), "the changed q did not change OUT[1][1]");
  }

  @Test
  void aFlippedGoldenBitFails() throws Exception {
    long at = dOut + sf2.outAddr;
    Files.write(dir.resolve("golden_mutant.bin"), flip(program.dramGolden(), 8 * at + 3));
    AccelSim.Run r = AccelSim.run(dir, List.of("./compare", "dram_out.bin", "golden_mutant.bin"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.output().contains("first mismatch at byte offset " + at), r.output());
  }

  /** The Java simulator without the validator: what a binary run on its own meets. */
  private static RuntimeException javaStops(List<Instruction> p, byte[] vec) {
    SimulationRunner runner = new SimulationRunner(ARCH);
    return assertThrows(RuntimeException.class, () -> runner.functional(p,
        new MachineState(runner.target(), dram(vec, wgtIn))));
  }

  @Test
  void aBadCsrPointerStopsBothSimulators() throws Exception {
    byte[] vec = vecIn.clone();
    ByteBuffer.wrap(vec).order(ByteOrder.LITTLE_ENDIAN).putInt(vCsr + 4 * 3, 2); // ptr[3] = 2 < ptr[2] = 3
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> images(ARCH, program(UnaryOperator.identity()), dram(vec, wgtIn)));
    assertTrue(e.getMessage().contains("CSR row pointer 3"), e.getMessage());
    byte[] in = program.dramIn().clone();
    System.arraycopy(vec, 0, in, (int) D_VEC, vec.length);
    AccelSim.Run r = run(dir, program.programBinary(), in);
    assertEquals(4, r.exitCode(), r.output());
    assertTrue(r.output().contains("GEMM.SP: CSR row pointer 3 at VEC 0x" + Integer.toHexString(vCsr + 12)
        + " is 2; expected between the previous pointer 3 and SPARSE_ENTRIES = 9"), r.output());
  }

  @Test
  void aColumnAtKStopsBothSimulators() throws Exception {
    byte[] vec = vecIn.clone();
    int entry = vCsr + 4 * (SP_N + 1) + 4 * 3; // entry 3: row 2, column 7
    ByteBuffer b = ByteBuffer.wrap(vec).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(entry, (b.getInt(entry) & 0xff00_0000) | SP_K);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> images(ARCH, program(UnaryOperator.identity()), dram(vec, wgtIn)));
    assertTrue(e.getMessage().contains("has column 40; expected a column below k = 40"), e.getMessage());
    byte[] in = program.dramIn().clone();
    System.arraycopy(vec, 0, in, (int) D_VEC, vec.length);
    AccelSim.Run r = run(dir, program.programBinary(), in);
    assertEquals(4, r.exitCode(), r.output());
    assertTrue(r.output().contains("GEMM.SP: CSR entry 3 at VEC 0x" + Integer.toHexString(entry)
        + " has column 40; expected a column below k = 40"), r.output());
  }

  @Test
  void aLutPackingInGemmSfStopsBothSimulators() throws Exception {
    List<Instruction> p = program(i -> i instanceof GemmSf g && g.packing() == Packing.SIGN_BITS
        ? new GemmSf(g.deps(), g.wgtAddr(), g.actAddr(), g.outAddr(), g.m(), g.n(), g.k(), Packing.LUT_G3,
            g.accumulate()) : i);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> images(ARCH, p, dram(vecIn, wgtIn)));
    assertTrue(e.getMessage().contains("GEMM.SF reads TWO_BIT, BASE3 or SIGN_BITS weights, not LUT_G3"), e.getMessage());
    assertTrue(javaStops(p, vecIn).getMessage().contains("LUT-core layout"));
    AccelSim.Run r = run(dir, ProgramBinary.encode(p, Machine.isaTarget(ARCH)), program.dramIn());
    assertEquals(4, r.exitCode(), r.output());
    assertTrue(r.output().contains("GEMM.SF: packing 3 is a LUT-core layout the MAC array cannot decode"), r.output());
  }

  @Test
  void immTwoStopsBothSimulators() throws Exception {
    List<Instruction> p = program(i -> i instanceof Vec v && v.op() == VecOp.OUTER && v.imm() == 1
        ? new Vec(v.deps(), v.op(), v.dstAddr(), v.srcAAddr(), v.srcBAddr(), v.rows(), v.len(), 2) : i);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> images(ARCH, p, dram(vecIn, wgtIn)));
    assertTrue(e.getMessage().contains("VEC.OUTER takes imm 0 (write dst) or 1 (add to dst), got 2"), e.getMessage());
    assertTrue(javaStops(p, vecIn).getMessage().contains("imm must be 0 (write dst) or 1 (add to dst), got 2"));
    AccelSim.Run r = run(dir, ProgramBinary.encode(p, Machine.isaTarget(ARCH)), program.dramIn());
    assertEquals(4, r.exitCode(), r.output());
    assertTrue(r.output().contains("VEC.OUTER: imm must be 0 (write dst) or 1 (add to dst), got 2"), r.output());
  }

  /**
   * The one case the C does not compute as the simulator: outputs whose byte range is identical to the activations'
   * but laid out in other rows. The validator admits identical ranges and the simulator reads every operand before
   * writing; the accelerator streams token by token, so it refuses the instruction (exit 4) instead of differing.
   */
  @Test
  void anIdenticalRangeInAnotherRowLayoutIsRefusedByTheC() throws Exception {
    // activations 2 x 6 dense (48 bytes); outputs 2 x 2, 40 bytes apart: the same 48 bytes
    List<Instruction> p = new ArrayList<>();
    for (Instruction i : program(UnaryOperator.identity())) {
      if (i instanceof GemmSf g && g.outAddr() == sf5.outAddr) {
        p.add(new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 40));
        p.add(new GemmSf(Deps.NONE, sf5.wgtAddr, sf5.actAddr, sf5.actAddr, 2, 2, 6, Packing.TWO_BIT, false));
        p.add(new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 0));
      } else {
        p.add(i);
      }
    }
    ProgramImages javaRuns = images(ARCH, p, dram(vecIn, wgtIn));
    AccelSim.Run r = run(dir, javaRuns.programBinary(), javaRuns.dramIn());
    assertEquals(4, r.exitCode(), r.output());
    assertTrue(r.output().contains("GEMM.SF: outputs [" + sf5.actAddr + ", " + (sf5.actAddr + 48) + ") overlap the"
        + " activations [" + sf5.actAddr + ", " + (sf5.actAddr + 48) + ") in another row layout"), r.output());
  }

  @Test
  void withoutFloatAddersOnlyGemmSfIsRefused() throws Exception {
    ArchConfig plain = ArchConfigs.preset("edge-fpga");
    List<Instruction> p = program(UnaryOperator.identity());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> images(plain, p, dram(vecIn, wgtIn)));
    assertTrue(e.getMessage().contains("GEMM.SF needs floating-point adders in the MAC array"), e.getMessage());
    assertTrue(e.getMessage().contains("mac_array.float_adders: fp32"), e.getMessage());
    // the same program without its GEMM.SF runs on the plain arch: GEMM.SP and the VEC ops need no fp32 adders
    List<Instruction> noSf = p.stream().filter(i -> !(i instanceof GemmSf)).toList();
    ProgramImages ok = images(plain, noSf, dram(vecIn, wgtIn));
    Path plainDir = export(tmp.resolve("plain"), plain, ok);
    assertTrue(Files.readString(plainDir.resolve("accel_config.h")).contains("#define ACCEL_MAC_FLOAT_ADDERS 0u"));
    AccelSim.Run built = AccelSim.make(plainDir);
    assertEquals(0, built.exitCode(), built.output());
    // a GEMM.SF binary run without the export's check: the C of an arch without fp32 adders stops
    AccelSim.Run r = run(plainDir, ProgramBinary.encode(p, Machine.isaTarget(plain)), ok.dramIn());
    assertEquals(4, r.exitCode(), r.output());
    assertTrue(r.output().contains("GEMM.SF: this accelerator's MAC array has no floating-point adders"), r.output());
    assertFalse(Files.readString(dir.resolve("accel_config.h")).contains("ACCEL_MAC_FLOAT_ADDERS 0u"));
  }
}
