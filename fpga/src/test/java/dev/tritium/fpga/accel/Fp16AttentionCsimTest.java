package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.common.HalfFloats;
import dev.tritium.fpga.accel.ProgramImages.DramRange;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmF16;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.Opcode;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.isa.encoding.FieldSpec;
import dev.tritium.isa.encoding.IsaSpec;
import dev.tritium.isa.encoding.ProgramBinary;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.memory.DramImage;
import dev.tritium.simulator.memory.MachineState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fp16 attention instructions in the generated accelerator: a hand-assembled program LOADs fp32 and fp16
 * data, runs VEC.SCALE, VEC.TO_F16 (on the rounding specials: ties, overflow, subnormals, NaN, -0) and four
 * GEMM.F16 (B untransposed and transposed, accumulate off and on, ACT_ROW_STRIDE_BYTES unset and set, an odd
 * ACT address) and STOREs every buffer region it touched; csim's final DRAM image equals the Java functional
 * simulator's byte for byte. One flipped fp16 operand bit in DRAM, and a flipped accumulate bit in the program,
 * each change the GEMM outputs and fail the comparison; VEC.SCALE with VEC_SCALE unset stops both simulators
 * with a message naming the register.
 */
class Fp16AttentionCsimTest {

  static final int M = 3;
  static final int K = 20;
  static final int N = 7;
  /** The TO_F16 / SCALE specials block: rows x len fp32. */
  static final int SR = 4;
  static final int SL = 64;
  /** The ACT row stride the strided GEMM.F16 use (bytes; at least 2K and 2N). */
  static final int STRIDE = 64;
  static final float SCALE = (float) (1 / Math.sqrt(8));

  // VEC layout (bytes)
  static final int V_X = 0; // specials [SR][SL]
  static final int V_XS = 1024; // SCALE(specials)
  static final int V_Q = 2048; // finite fp32 [M][K]
  static final int V_QS = 2304; // SCALE(q)
  static final int V_C1 = 2560; // GEMM 1 (overwrite), then GEMM 2 accumulates onto it
  static final int V_C2 = 2688; // GEMM 4 (transposed B, overwrite)
  static final int V_C3 = 2816; // loaded fp32 [M][N], GEMM 3 accumulates onto it
  static final int VEC_BYTES = 3072;
  // ACT layout (bytes)
  static final int A_H = 0; // TO_F16(specials) [SR][SL]
  static final int A_A = 512; // TO_F16(SCALE(q)) [M][K]: A of GEMM 1 and 4
  static final int A_LOADED = 640; // from here on loaded from DRAM
  static final int A_B = 640; // B [N][K]
  static final int A_BT = 1024; // B transposed [K][N]
  static final int A_SA = 1536; // A [M][K] at STRIDE
  static final int A_SBT = 1792; // B transposed [K][N] at STRIDE
  static final int A_SB = 3073; // B [N][K] at STRIDE, odd address (ACT is byte-aligned)
  static final int ACT_BYTES = 3584;
  // DRAM layout (bytes)
  static final long D_X = 0;
  static final long D_Q = 1024;
  static final long D_C3 = 1280;
  static final long D_ACT = 4096; // ACT image of [A_LOADED, ACT_BYTES) at D_ACT + its ACT address
  static final long D_VEC_OUT = 8192;
  static final long D_ACT_OUT = 12288;

  @TempDir static Path tmp;
  static Path dir;
  static ProgramImages program;

  static List<Instruction> program(boolean setScale) {
    Deps none = Deps.NONE;
    List<Instruction> p = new ArrayList<>();
    p.add(new Load(none, Buffer.VEC, V_X, D_X, 1, 4 * SR * SL, 4 * SR * SL));
    p.add(new Load(none, Buffer.VEC, V_Q, D_Q, 1, 4 * M * K, 4 * M * K));
    p.add(new Load(none, Buffer.VEC, V_C3, D_C3, 1, 4 * M * N, 4 * M * N));
    p.add(new Load(new Deps(false, false, false, true), Buffer.ACT, A_LOADED, D_ACT + A_LOADED, 1,
        ACT_BYTES - A_LOADED, ACT_BYTES - A_LOADED));
    p.add(new Sync(new Deps(true, false, false, false), Queue.COMPUTE));
    if (setScale) {
      p.add(Cfg.ofFloat(none, CfgReg.VEC_SCALE, SCALE));
    }
    p.add(new Vec(none, VecOp.SCALE, V_XS, V_X, 0, SR, SL, 0));
    p.add(new Vec(none, VecOp.TO_F16, A_H, V_X, 0, SR, SL, 0));
    p.add(new Vec(none, VecOp.SCALE, V_QS, V_Q, 0, M, K, 0));
    p.add(new Vec(none, VecOp.TO_F16, A_A, V_QS, 0, M, K, 0));
    p.add(new GemmF16(none, A_A, A_B, V_C1, M, N, K, false, false));
    p.add(new Cfg(none, CfgReg.ACT_ROW_STRIDE_BYTES, STRIDE));
    p.add(new GemmF16(none, A_SA, A_SBT, V_C1, M, N, K, true, true));
    p.add(new GemmF16(none, A_SA, A_SB, V_C3, M, N, K, false, true));
    p.add(new Cfg(none, CfgReg.ACT_ROW_STRIDE_BYTES, 0));
    p.add(new GemmF16(none, A_A, A_BT, V_C2, M, N, K, true, false));
    p.add(new Sync(new Deps(false, false, false, true), Queue.COMPUTE));
    p.add(new Store(new Deps(true, false, false, false), Buffer.VEC, 0, D_VEC_OUT, 1, VEC_BYTES, VEC_BYTES));
    p.add(new Store(new Deps(false, false, true, false), Buffer.ACT, 0, D_ACT_OUT, 1, ACT_BYTES, ACT_BYTES));
    p.add(new Sync(new Deps(false, true, false, false), Queue.COMPUTE));
    p.add(new Finish(none));
    return p;
  }

  /** fp32 values TO_F16 must round exactly: ties, overflow, subnormal boundaries, NaN, zeros, infinities. */
  static float[] specials(SplittableRandom rnd) {
    float[] s = {1f, 1f + 0x1p-11f, 1f + 3 * 0x1p-11f, -(1f + 0x1p-11f), 65504f, 65519.996f, 65520f, -65520f,
        0x1p-24f, 0x1p-25f, Math.nextUp(0x1p-25f), 3 * 0x1p-25f, 0x1p-14f - 0x1p-25f, 0x1p-14f, -0f, 0f,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0xffc01234), Float.NaN,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, 1e-6f, 2049f, 2051f, 4097f, 6.1035156e-5f, 5.9604645e-8f,
        -2.5f, 0.1f, 3.14159265f};
    float[] out = new float[SR * SL];
    for (int i = 0; i < out.length; i++) {
      out[i] = i < s.length ? s[i] : (float) (rnd.nextGaussian() * Math.scalb(1.0, rnd.nextInt(-26, 18)));
    }
    return out;
  }

  /** Random bytes of which any two adjacent ones form a finite fp16 (no byte 0x7c..0x7f or 0xfc..0xff). */
  static byte[] finiteHalves(SplittableRandom rnd, int bytes) {
    byte[] b = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      int v;
      do {
        v = rnd.nextInt(256);
      } while ((v & 0x7c) == 0x7c);
      b[i] = (byte) v;
    }
    return b;
  }

  static float[] gaussians(SplittableRandom rnd, int count, double sigma) {
    float[] f = new float[count];
    for (int i = 0; i < count; i++) {
      f[i] = (float) (rnd.nextGaussian() * sigma);
    }
    return f;
  }

  static DramImage dram(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    DramImage dram = new DramImage(MachineState.DEFAULT_DRAM_BYTES);
    dram.writeFp32s(D_X, specials(rnd));
    dram.writeFp32s(D_Q, gaussians(rnd, M * K, 3.0));
    dram.writeFp32s(D_C3, gaussians(rnd, M * N, 100.0));
    byte[] act = finiteHalves(rnd, ACT_BYTES - A_LOADED);
    // B[0][0] (and B^T[0][0]) a large 8192 (0x7000), so a flipped mantissa bit of it moves every sum of column 0
    act[A_B - A_LOADED] = 0x00;
    act[A_B - A_LOADED + 1] = 0x70;
    act[A_BT - A_LOADED] = 0x00;
    act[A_BT - A_LOADED + 1] = 0x70;
    dram.write(D_ACT + A_LOADED, act);
    // reserve the output ranges so the image covers them before the run writes them
    dram.write(D_VEC_OUT, new byte[VEC_BYTES]);
    dram.write(D_ACT_OUT, new byte[ACT_BYTES]);
    return dram;
  }

  static ProgramImages images(long seed) {
    return ProgramImages.simulate("fp16 attention instructions, seed " + seed, AcceleratorCsimTest.ARCH,
        program(true), dram(seed),
        List.of(new DramRange("fp16 operands", D_ACT + A_LOADED, ACT_BYTES - A_LOADED)),
        List.of(new DramRange("GEMM.F16 outputs fp32", D_VEC_OUT + V_C1, V_C3 + 4L * M * N - V_C1),
            new DramRange("TO_F16 outputs", D_ACT_OUT + A_H, A_LOADED - A_H)));
  }

  @BeforeAll
  static void build() throws Exception {
    program = images(11);
    dir = AcceleratorCsimTest.export(tmp.resolve("f16"), program);
    AccelSim.Run r = AccelSim.make(dir);
    assertEquals(0, r.exitCode(), "the unmutated program must pass:\n" + r.output());
  }

  private static AccelSim.Run run(byte[] programBin, byte[] dramIn) throws Exception {
    Files.write(dir.resolve("mutant.bin"), programBin);
    Files.write(dir.resolve("mutant_dram.bin"), dramIn);
    AccelSim.Run sim = AccelSim.run(dir, List.of("./accel_sim", "mutant.bin", "mutant_dram.bin", "mutant_out.bin"));
    if (sim.exitCode() != 0) {
      return sim;
    }
    AccelSim.Run cmp = AccelSim.run(dir, List.of("./compare", "mutant_out.bin", "data/dram_golden.bin"));
    return new AccelSim.Run(cmp.exitCode(), sim.output() + cmp.output());
  }

  private static boolean gemmOutputsEqualGolden() throws Exception {
    DramRange y = program.outputs().get(0);
    byte[] out = Files.readAllBytes(dir.resolve("mutant_out.bin"));
    return Arrays.equals(out, (int) y.addr(), (int) (y.addr() + y.bytes()), program.dramGolden(), (int) y.addr(),
        (int) (y.addr() + y.bytes()));
  }

  private static float fp32(byte[] image, long addr) {
    return ByteBuffer.wrap(image, (int) addr, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
  }

  private static float half(byte[] image, long addr) {
    return HalfFloats.f16ToFloat((image[(int) addr] & 0xff) | (image[(int) addr + 1] & 0xff) << 8);
  }

  @Test
  void theDecoderTablesTakeGemmF16FromTheIsaSpec() {
    // opcode 14 is defined (126 used bits, bits 126..127 reserved) and named; the VEC op field has 16 codes
    String tables = IsaTables.header();
    String used = tables.substring(tables.indexOf("ACCEL_USED_BITS[64] = {") + 23);
    assertEquals(Integer.toString(IsaSpec.format(Opcode.GEMM_F16).usedBits()) + "u", used.split(", ")[14]);
    assertEquals("126u", used.split(", ")[14]);
    String names = tables.substring(tables.indexOf("ACCEL_MNEMONICS[64] = {") + 23);
    assertEquals("\"GEMM.F16\"", names.split(", ")[14]);
    assertTrue(tables.contains(", 19u, \"op\"}"), "VEC's op field has the nineteen codes up to KV_DEQUANT");
  }

  @Test
  void csimImageEqualsTheJavaSimulatorsByteForByte() throws Exception {
    AcceleratorCsimTest.assertCsimPasses(dir, program);
  }

  @Test
  void goldenOutputsAreTheIsaFormulas() {
    byte[] g = program.dramGolden();
    // GEMM 4: C2[i][j] = sum_k A[i][k] * BT[k][j] from 0f in k order, A the TO_F16 of SCALE(q), all from the image
    for (int i = 0; i < M; i++) {
      for (int j = 0; j < N; j++) {
        float s = 0f;
        for (int k = 0; k < K; k++) {
          float a = HalfFloats.roundToF16(fp32(program.dramIn(), D_Q + 4L * (i * K + k)) * SCALE);
          s = s + a * half(g, D_ACT + A_BT + 2L * (k * N + j));
        }
        assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(fp32(g, D_VEC_OUT + V_C2 + 4L * (i * N + j))),
            "C2[" + i + "][" + j + "]");
      }
    }
    // TO_F16 by hand: 1 + 2^-11 ties to 1.0 (0x3c00), 65520 overflows to 0x7c00, a NaN of either sign is 0x7e00
    assertEquals(0x3c00, Short.toUnsignedInt(ByteBuffer.wrap(g, (int) D_ACT_OUT + 2, 2).order(ByteOrder.LITTLE_ENDIAN)
        .getShort()));
    assertEquals(0x7c00, Short.toUnsignedInt(ByteBuffer.wrap(g, (int) D_ACT_OUT + 12, 2)
        .order(ByteOrder.LITTLE_ENDIAN).getShort()));
    assertEquals(0x7e00, Short.toUnsignedInt(ByteBuffer.wrap(g, (int) D_ACT_OUT + 36, 2)
        .order(ByteOrder.LITTLE_ENDIAN).getShort()));
  }

  @Test
  void aFlippedFp16OperandBitInDramFails() throws Exception {
    // Mantissa bit 9 of B[0][0] (8192 -> 12288): every GEMM 1 sum of column 0 moves by 4096 * A[i][0].
    long bit = 8 * (D_ACT + A_B) + 9;
    byte[] in = program.dramIn().clone();
    in[(int) (bit / 8)] ^= (byte) (1 << (bit % 8));
    AccelSim.Run r = run(program.programBinary(), in);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.output().contains("FAIL:"), r.output());
    assertFalse(gemmOutputsEqualGolden(), "the flipped fp16 operand did not change the GEMM.F16 outputs");
  }

  @Test
  void aFlippedAccumulateBitFails() throws Exception {
    List<Instruction> p = program.program();
    int index = -1;
    for (int i = 0; i < p.size() && index < 0; i++) {
      if (p.get(i) instanceof GemmF16 g && g.accumulate()) {
        index = i;
      }
    }
    FieldSpec acc = IsaSpec.format(Opcode.GEMM_F16).fields().stream().filter(f -> f.name().equals("accumulate"))
        .findFirst().orElseThrow();
    byte[] bin = program.programBinary().clone();
    int headerBytes = bin.length - 16 * p.size();
    long bit = 8L * (headerBytes + 16L * index) + acc.offset();
    bin[(int) (bit / 8)] ^= (byte) (1 << (bit % 8));
    GemmF16 flipped = (GemmF16) ProgramBinary.decode(bin, Machine.isaTarget(AcceleratorCsimTest.ARCH)).get(index);
    assertFalse(flipped.accumulate(), "the flip hit the accumulate field");
    AccelSim.Run r = run(bin, program.dramIn());
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.output().contains("FAIL:"), r.output());
    assertFalse(gemmOutputsEqualGolden(), "dropping the accumulation did not change the GEMM.F16 outputs");
  }

  @Test
  void scaleWithVecScaleUnsetStopsBothSimulators() throws Exception {
    List<Instruction> bad = program(false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProgramImages.simulate("unset scale", AcceleratorCsimTest.ARCH, bad, dram(11), List.of(), List.of()));
    assertTrue(e.getMessage().contains("VEC_SCALE"), e.getMessage());
    byte[] bin = ProgramBinary.encode(bad, Machine.isaTarget(AcceleratorCsimTest.ARCH));
    AccelSim.Run r = run(bin, program.dramIn());
    assertEquals(4, r.exitCode(), r.output());
    assertTrue(r.output().contains("VEC.SCALE: CFG register VEC_SCALE is 0x00000000"), r.output());
  }
}
