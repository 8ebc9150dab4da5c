package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.GemmSf;
import dev.tritium.isa.GemmSparse;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.simulator.memory.MachineState;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The instructions of the fp16-activation weight formats: GEMM.SF (sign-add on fp32 activations), GEMM.SP (sparse
 * int8 outliers), VEC.ROUND_F16, VEC.MUL_ROW and VEC.OUTER, on hand-computed cases and against a direct loop.
 */
class FloatFormatInstructionTest extends VecFixture {

  /** Weights [2][7]: row 0 = +1 -1 0 +1 +1 0 -1, row 1 = -1 -1 -1 +1 0 0 +1, TWO_BIT (code = w + 1, 4 per byte). */
  private static final byte[] W = {1, -1, 0, 1, 1, 0, -1, -1, -1, -1, 1, 0, 0, 1};

  private void weights(byte[] packed) {
    Machines.putBytes(s, Buffer.WGT, 0, packed);
  }

  @Test
  void gemmSfAddsAndSubtractsInKOrderAndSkipsZeros() {
    weights(TestPacking.packGroups(W, 2, 7, 1, 2, false));
    // A [2][7]: 1e8 first makes the order visible: 1e8 + 1 - 1 ... in fp32 loses each 1 (spacing 8 at 1e8).
    vec(0, 1e8f, 1f, 5f, 1f, -1e8f, 7f, 2f,
        0.5f, 0.25f, 0.125f, 2f, 9f, 9f, 4f);
    model.execute(new GemmSf(NO_DEPS, 0, 0, 256, 2, 2, 7, Packing.TWO_BIT, false), s, c);
    // token 0, row 0: 1e8 - 1 (rounds back to 1e8: spacing 8), skip, + 1 (lost again), - 1e8 = 0, skip, - 2 = -2;
    // summed in another order (the ones first) it would give 0 or -2 + 2. Row 1: -1e8 - 1 (lost) - 5 (rounds to
    // -1e8 - 8) + 1 (lost) + 2 (rounds back to -1e8 - 8) = -100000008.
    // token 1, row 0: 0.5 - 0.25 + 2 + 9 - 4 = 7.25; row 1: -0.5 - 0.25 - 0.125 + 2 + 4 = 5.125
    assertArrayEquals(new float[] {-2f, -100000008f, 7.25f, 5.125f}, vec(256, 4));
    TernaryPairCounts f = c.snapshot().floatArray();
    assertEquals(2 * 14, f.pairs());
    assertEquals(2 * 5, f.adds());
    assertEquals(2 * 5, f.subs());
    assertEquals(2 * 4, f.skips());
    // accumulate continues each sum from OUT: token 1's exact sums double; token 0, row 0 starts at -2:
    // -2 + 1e8 = 1e8 (rounded), - 1, + 1 (lost), - 1e8 = 0, - 2 = -2 again; row 1: -100000008 - 1e8 = -200000008,
    // a tie at spacing 16 that goes to the even -2e8, and every later term (at most 5) is lost.
    model.execute(new GemmSf(NO_DEPS, 0, 0, 256, 2, 2, 7, Packing.TWO_BIT, true), s, c);
    assertArrayEquals(new float[] {-2f, -2e8f, 14.5f, 10.25f}, vec(256, 4));
  }

  @Test
  void gemmSfOnFp16AddersRoundsEachActivationAndSumToBinary16() {
    IsaTarget t = s.target();
    MachineState half = new MachineState(new IsaTarget("half", t.wgtBytes(), t.actBytes(), t.accBytes(), t.lutBytes(),
        t.vecBytes(), t.macRows(), t.macCols(), t.lut(), t.vectorLanes(), t.packings(), 2, 0, 16));
    // one row of three +1 weights (TWO_BIT code 2) and one of +1, -1, +1
    Machines.putBytes(half, Buffer.WGT, 0, TestPacking.packGroups(new byte[] {1, 1, 1, 1, -1, 1}, 2, 3, 1, 2, false));
    // Token 0 = 2048, 1, 1. Row 0: 2048 + 1 = 2049 is a binary16 tie (spacing 2 at 2048) that goes to the even
    // 2048, twice, so fp16 sums give 2048 where fp32 sums give 2050. Row 1: 2048 - 1 = 2047 (exact), + 1 = 2048.
    // Token 1 = 1, 0.1, 1; 0.1f enters the adder as binary16 0.0999755859375. Row 0: 1 + that = 1.0999755859375
    // -> 1.099609375 (102.375 steps of 2^-10), + 1 = 2.099609375 (exact at 2^-9). Row 1: 1 - that = 0.9000244140625
    // -> 0.89990234375 (1843.25 steps of 2^-11), + 1 = 1.89990234375, a tie at 921.5 steps of 2^-10 -> 1.900390625.
    float[] x = {2048f, 1f, 1f, 1f, 0.1f, 1f};
    half.buffer(Buffer.VEC).writeFp32s(0, x);
    model.execute(new GemmSf(NO_DEPS, 0, 0, 256, 2, 2, 3, Packing.TWO_BIT, false), half, c);
    assertArrayEquals(new float[] {2048f, 2048f, 2.099609375f, 1.900390625f}, half.buffer(Buffer.VEC).readFp32s(256, 4));
    // the same tile on fp32 adders keeps the fp32 sums
    Machines.putBytes(s, Buffer.WGT, 0, TestPacking.packGroups(new byte[] {1, 1, 1, 1, -1, 1}, 2, 3, 1, 2, false));
    vec(0, x);
    model.execute(new GemmSf(NO_DEPS, 0, 0, 256, 2, 2, 3, Packing.TWO_BIT, false), s, c);
    assertArrayEquals(new float[] {2050f, 2048f, 1f + 0.1f + 1f, 1f - 0.1f + 1f}, vec(256, 4));
  }

  @Test
  void gemmSfReadsSignBitsAndAgreesWithADirectLoopOnRandomTiles() {
    SplittableRandom rnd = new SplittableRandom(12);
    int m = 3;
    int n = 5;
    int k = 37;
    byte[] w = new byte[n * k];
    for (int i = 0; i < w.length; i++) {
      w[i] = (byte) (rnd.nextBoolean() ? 1 : -1);
    }
    byte[] packed = new byte[n * ((k + 7) / 8)];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < k; i++) {
        if (w[r * k + i] > 0) {
          packed[r * ((k + 7) / 8) + i / 8] |= (byte) (1 << (i % 8));
        }
      }
    }
    weights(packed);
    float[] x = new float[m * k];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(6)));
    }
    vec(0, x);
    // the activation rows 4k apart via ACT_ROW_STRIDE, and the outputs in a wider tile via ACC_ROW_STRIDE
    model.execute(new Cfg(NO_DEPS, CfgReg.ACC_ROW_STRIDE_BYTES, 4L * 8), s, c);
    model.execute(new GemmSf(NO_DEPS, 0, 0, 1024, m, n, k, Packing.SIGN_BITS, false), s, c);
    for (int t = 0; t < m; t++) {
      for (int r = 0; r < n; r++) {
        float e = 0f;
        for (int i = 0; i < k; i++) {
          e = w[r * k + i] > 0 ? e + x[t * k + i] : e - x[t * k + i];
        }
        assertEquals(Float.floatToRawIntBits(e), Float.floatToRawIntBits(vec(1024 + 32 * t + 4 * r, 1)[0]),
            "token " + t + " row " + r);
      }
    }
  }

  @Test
  void gemmSpAddsEachOutlierProductInStoredOrder() {
    // n = 3 rows: row 0 {col 1: q 3, col 4: q -2}, row 1 {}, row 2 {col 0: q 127}
    vec(0, 0.5f, -1.25f, 4f, 8f, 2f);
    int csr = 256;
    s.buffer(Buffer.VEC).writeInt32s(csr, new int[] {0, 2, 2, 3, 1 | 3 << 24, 4 | (-2 & 0xff) << 24, 127 << 24});
    model.execute(new Cfg(NO_DEPS, CfgReg.SPARSE_ENTRIES, 3), s, c);
    model.execute(new GemmSparse(NO_DEPS, csr, 0, 512, 1, 3, 5, false), s, c);
    // row 0: 3 * -1.25 + -2 * 2 = -7.75; row 1: 0; row 2: 127 * 0.5 = 63.5
    assertArrayEquals(new float[] {-7.75f, 0f, 63.5f}, vec(512, 3));
    assertEquals(3, c.snapshot().fp32Ops(Fp32Op.SPARSE_MAC), "one sparse multiply-add per entry and token");
    assertEquals(0, c.snapshot().fp32Ops(Fp32Op.MUL), "not counted again as lane multiplies");
    model.execute(new GemmSparse(NO_DEPS, csr, 0, 512, 1, 3, 5, true), s, c);
    assertArrayEquals(new float[] {-15.5f, 0f, 127f}, vec(512, 3), "accumulate adds onto OUT");
  }

  @Test
  void gemmSpRefusesBadPointersAndColumns() {
    vec(0, 1f, 2f);
    model.execute(new Cfg(NO_DEPS, CfgReg.SPARSE_ENTRIES, 1), s, c);
    s.buffer(Buffer.VEC).writeInt32s(256, new int[] {0, 2, 1 << 24});
    IllegalArgumentException last = assertThrows(IllegalArgumentException.class,
        () -> model.execute(new GemmSparse(NO_DEPS, 256, 0, 512, 1, 1, 2, false), s, c));
    assertTrue(last.getMessage().contains("CSR row pointer 1") && last.getMessage().contains("SPARSE_ENTRIES = 1"),
        last.getMessage());
    s.buffer(Buffer.VEC).writeInt32s(256, new int[] {0, 1, 2 | 1 << 24});
    IllegalArgumentException col = assertThrows(IllegalArgumentException.class,
        () -> model.execute(new GemmSparse(NO_DEPS, 256, 0, 512, 1, 1, 2, false), s, c));
    assertTrue(col.getMessage().contains("has column 2; expected a column below k = 2"), col.getMessage());
  }

  @Test
  void roundF16MulRowAndOuterFollowTheirStatedOrder() {
    vec(0, 1f + 0x1p-11f, 65520f, -3f, 0x1p-25f);
    model.execute(new Vec(NO_DEPS, VecOp.ROUND_F16, 0, 0, 0, 1, 4, 0), s, c);
    // tie to even (1), overflow to infinity, exact, below half the smallest subnormal to zero
    assertArrayEquals(new float[] {1f, Float.POSITIVE_INFINITY, -3f, 0f}, vec(0, 4));
    // MUL_ROW: a [2][3] times b [3] for every row; imm 1 then adds the product to dst
    vec(64, 1f, 2f, 3f, -1f, 0.5f, 4f);
    vec(128, 2f, -1f, 0.25f);
    model.execute(new Vec(NO_DEPS, VecOp.MUL_ROW, 192, 64, 128, 2, 3, 0), s, c);
    assertArrayEquals(new float[] {2f, -2f, 0.75f, -2f, -0.5f, 1f}, vec(192, 6));
    model.execute(new Vec(NO_DEPS, VecOp.MUL_ROW, 192, 64, 128, 2, 3, 1), s, c);
    assertArrayEquals(new float[] {4f, -4f, 1.5f, -4f, -1f, 2f}, vec(192, 6));
    // OUTER: a [2] per row times b [3]
    vec(256, 10f, -0.5f);
    model.execute(new Vec(NO_DEPS, VecOp.OUTER, 192, 256, 128, 2, 3, 1), s, c);
    assertArrayEquals(new float[] {24f, -14f, 4f, -5f, -0.5f, 1.875f}, vec(192, 6));
    // product rounded before the add: -1 + (1 + 2^-23)(1 - 2^-23) = -1 + 1 = 0; a fused multiply-add gives -2^-46
    vec(320, 1f + 0x1p-23f);
    vec(324, 1f - 0x1p-23f);
    vec(328, -1f);
    model.execute(new Vec(NO_DEPS, VecOp.MUL_ROW, 328, 320, 324, 1, 1, 1), s, c);
    assertEquals(0f, vec(328, 1)[0]);
  }
}
