package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.GemmF16;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.simulator.unit.sram.OperandStreams;
import dev.tritium.simulator.unit.vector.VectorUnit;
import org.junit.jupiter.api.Test;

/** The fp16 attention instructions: VEC.TO_F16, VEC.SCALE and GEMM.F16, on hand-computed cases. */
class Fp16AttentionInstructionTest extends VecFixture {


  private int[] halves(int addr, int count) {
    byte[] b = new byte[2 * count];
    s.buffer(Buffer.ACT).read(addr, b, 0, b.length);
    int[] h = new int[count];
    for (int i = 0; i < count; i++) {
      h[i] = (b[2 * i] & 0xff) | (b[2 * i + 1] & 0xff) << 8;
    }
    return h;
  }

  private void putHalves(int addr, int... bits) {
    byte[] b = new byte[2 * bits.length];
    for (int i = 0; i < bits.length; i++) {
      b[2 * i] = (byte) bits[i];
      b[2 * i + 1] = (byte) (bits[i] >>> 8);
    }
    s.buffer(Buffer.ACT).write(addr, b, 0, b.length);
  }

  @Test
  void toF16RoundsToNearestEvenAndSaturatesToInfinity() {
    // 1 + 2^-11 is a tie between 1 (0x3c00, even) and 1 + 2^-10 (0x3c01): to even. 1 + 3 * 2^-11 ties up to 0x3c02.
    // 65504 is the largest fp16; 65520 rounds to infinity; 2^-24 is the smallest subnormal (0x0001).
    vec(0, 1f, 1f + 0x1p-11f, 1f + 3 * 0x1p-11f, -2.5f, 65504f, 65520f, 0x1p-24f, 0f);
    model.execute(new Vec(NO_DEPS, VecOp.TO_F16, 64, 0, 0, 2, 4, 0), s, c);
    assertArrayEquals(new int[] {0x3c00, 0x3c00, 0x3c02, 0xc100, 0x7bff, 0x7c00, 0x0001, 0x0000}, halves(64, 8));
    assertEquals(8, c.snapshot().fp32Ops(Fp32Op.CVT));
  }

  @Test
  void scaleMultipliesByTheConfiguredFactor() {
    vec(0, 3f, -5f, 0.5f);
    assertThrows(IllegalArgumentException.class, () -> model.execute(new Vec(NO_DEPS, VecOp.SCALE, 0, 0, 0, 1, 3, 0),
        s, c), "VEC_SCALE unset");
    model.execute(Cfg.ofFloat(NO_DEPS, CfgReg.VEC_SCALE, 0.25f), s, c);
    model.execute(new Vec(NO_DEPS, VecOp.SCALE, 16, 0, 0, 1, 3, 0), s, c);
    assertArrayEquals(new float[] {0.75f, -1.25f, 0.125f}, vec(16, 3));
  }

  @Test
  void gemmF16MultipliesHalvesIntoFp32InKOrder() {
    // A [2][3] and B [2][3] (untransposed): 1, 2, -0.5 / 0.25, 4, 8 and 2, 0.5, 1 / -1, 3, 0.125
    putHalves(0, 0x3c00, 0x4000, 0xb800, 0x3400, 0x4400, 0x4800);
    putHalves(32, 0x4000, 0x3800, 0x3c00, 0xbc00, 0x4200, 0x3000);
    model.execute(new GemmF16(NO_DEPS, 0, 32, 128, 2, 2, 3, false, false), s, c);
    // row 0: 1*2 + 2*0.5 + -0.5*1 = 2.5; 1*-1 + 2*3 + -0.5*0.125 = 4.9375
    // row 1: 0.25*2 + 4*0.5 + 8*1 = 10.5; 0.25*-1 + 4*3 + 8*0.125 = 12.75
    assertArrayEquals(new float[] {2.5f, 4.9375f, 10.5f, 12.75f}, vec(128, 4));
    // B stored [k][n] (transposed) gives the same products; accumulate adds onto C
    putHalves(64, 0x4000, 0xbc00, 0x3800, 0x4200, 0x3c00, 0x3000);
    model.execute(new GemmF16(NO_DEPS, 0, 64, 128, 2, 2, 3, true, true), s, c);
    assertArrayEquals(new float[] {5f, 9.875f, 21f, 25.5f}, vec(128, 4));
    assertEquals(2 * 12, c.snapshot().fp32Ops(Fp32Op.MAC));
  }

  @Test
  void gemmF16SumsInFp32NotInFp16() {
    // 2048 + 1 + 1: fp16 accumulation would lose both ones (spacing 2 at 2048); fp32 keeps them.
    putHalves(0, 0x6800, 0x3c00, 0x3c00);
    putHalves(32, 0x3c00, 0x3c00, 0x3c00);
    model.execute(new GemmF16(NO_DEPS, 0, 32, 128, 1, 1, 3, false, false), s, c);
    assertEquals(2050f, vec(128, 1)[0]);
  }

  @Test
  void gemmF16RunsOnTheVectorLanes() {
    // 4 lanes, II 1, latency 3: ceil(2 * 5 * 8 / 4) + 3 cycles; A 2x8 and B 5x8 halves read, C 2x5 fp32 written
    VectorUnit v = new VectorUnit(4, 3, 1);
    dev.tritium.simulator.unit.sram.SramBuffer[] sram = new dev.tritium.simulator.unit.sram.SramBuffer[Buffer.values().length];
    for (Buffer b : Buffer.values()) {
      sram[b.ordinal()] = new dev.tritium.simulator.unit.sram.SramBuffer(b.name(), 1 << 16, 1, 2, 64);
    }
    OperandStreams streams = new OperandStreams(sram);
    assertEquals(20 + 3, v.occupancy(new GemmF16(NO_DEPS, 0, 64, 0, 2, 5, 8, false, false), streams));
    assertEquals(2 * (2 * 8 + 5 * 8), streams.bytesRead(Buffer.ACT));
    assertEquals(4 * 2 * 5, streams.bytesWritten(Buffer.VEC));
    assertTrue(streams.bytesRead(Buffer.VEC) == 0);
  }
}
