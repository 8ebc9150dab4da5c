package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutGemm;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.simulator.engine.FunctionalModel;
import dev.tritium.simulator.memory.MachineState;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The binary LUT tables (BINARY, BINARY_MIRROR) and LUT.GEMM over SIGN_BITS weights. */
class BinaryLutInstructionTest {

  private final FunctionalModel model = new FunctionalModel();

  /** SIGN_BITS: bit 1 for +1, 0 for -1, column c at bit c%8 of byte c/8, rows of ceil(k/8) bytes (padding 0). */
  private static byte[] signBits(byte[] w, int n, int k) {
    int rowBytes = (k + 7) / 8;
    byte[] out = new byte[n * rowBytes];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < k; c++) {
        if (w[r * k + c] == 1) {
          out[r * rowBytes + c / 8] |= (byte) (1 << (c % 8));
        }
      }
    }
    return out;
  }

  @Test
  void binaryTablesG2HandComputed() {
    MachineState s = Machines.small(new LutUnit(2, LutVariant.BINARY));
    Machines.putBytes(s, Buffer.ACT, 0, new byte[] {5, 7, -2});
    ActionCounters c = new ActionCounters();
    model.execute(new LutBuild(NO_DEPS, 0, 0, 1, 3, 2, LutVariant.BINARY), s, c);
    // entry e: bit 0 picks the sign of x0, bit 1 of x1. Group 0 (5, 7): -5-7, +5-7, -5+7, +5+7.
    assertArrayEquals(new short[] {-12, -2, 2, 12}, Machines.lutTable(s, 0, 4));
    // group 1 (x2 = -2, padding 0): -(-2) -0, +(-2) -0, -(-2) +0, +(-2) +0
    assertArrayEquals(new short[] {2, -2, 2, -2}, Machines.lutTable(s, 8, 4));
    // 2 tables x (2^2 + 2 - 2) adds, 2 x 4 entries, 16 bytes written
    assertEquals(new LutCoreCounts(8, 8, 0, 0), c.snapshot().lut());
    assertEquals(16L, c.snapshot().traffic().sramWrittenBytes(Buffer.LUT));

    MachineState m = Machines.small(new LutUnit(2, LutVariant.BINARY_MIRROR));
    Machines.putBytes(m, Buffer.ACT, 0, new byte[] {5, 7, -2});
    ActionCounters mc = new ActionCounters();
    model.execute(new LutBuild(NO_DEPS, 0, 0, 1, 3, 2, LutVariant.BINARY_MIRROR), m, mc);
    // the entries whose top bit (x1's sign) is +: e' = 0 -> BINARY[2], e' = 1 -> BINARY[3]
    assertArrayEquals(new short[] {2, 12}, Machines.lutTable(m, 0, 2));
    assertArrayEquals(new short[] {2, -2}, Machines.lutTable(m, 4, 2));
    assertEquals(new LutCoreCounts(4, 4, 0, 0), mc.snapshot().lut());
  }

  @Test
  void binaryTablesG4HandComputed() {
    MachineState s = Machines.small(new LutUnit(4, LutVariant.BINARY));
    Machines.putBytes(s, Buffer.ACT, 0, new byte[] {1, 10, 100, -50});
    model.execute(new LutBuild(NO_DEPS, 0, 0, 1, 4, 4, LutVariant.BINARY), s, new ActionCounters());
    // e = 0: -1 -10 -100 +50 = -61; bit 3 clear adds +50, set adds -50; e = 5: +1 -10 +100 +50 = 141.
    short[] expected = {-61, -59, -41, -39, 139, 141, 159, 161, -161, -159, -141, -139, 39, 41, 59, 61};
    assertArrayEquals(expected, Machines.lutTable(s, 0, 16));
    MachineState m = Machines.small(new LutUnit(4, LutVariant.BINARY_MIRROR));
    Machines.putBytes(m, Buffer.ACT, 0, new byte[] {1, 10, 100, -50});
    ActionCounters c = new ActionCounters();
    model.execute(new LutBuild(NO_DEPS, 0, 0, 1, 4, 4, LutVariant.BINARY_MIRROR), m, c);
    assertArrayEquals(new short[] {-161, -159, -141, -139, 39, 41, 59, 61}, Machines.lutTable(m, 0, 8));
    // one table: 2^3 + 4 - 2 = 10 adds, 8 entries
    assertEquals(new LutCoreCounts(10, 8, 0, 0), c.snapshot().lut());
  }

  @Test
  void lutGemmHandComputedBothVariants() {
    // row 0 w = +1, -1, +1: 5 - 7 - 2 = -4; row 1 w = -1, -1, -1: -5 - 7 + 2 = -10
    byte[] packed = {0b101, 0};
    assertArrayEquals(signBits(new byte[] {1, -1, 1, -1, -1, -1}, 2, 3), packed);
    for (LutVariant v : new LutVariant[] {LutVariant.BINARY, LutVariant.BINARY_MIRROR}) {
      MachineState s = Machines.small(new LutUnit(2, v));
      Machines.putBytes(s, Buffer.ACT, 0, new byte[] {5, 7, -2});
      Machines.putBytes(s, Buffer.WGT, 0, packed);
      s.buffer(Buffer.ACC).writeInt32s(0, new int[] {1000, 2000});
      ActionCounters c = new ActionCounters();
      model.execute(new LutBuild(NO_DEPS, 0, 0, 1, 3, 2, v), s, c);
      ActionCounts built = c.snapshot();
      model.execute(new LutGemm(NO_DEPS, 0, 0, 0, 1, 2, 3, Packing.SIGN_BITS, true), s, c);
      assertArrayEquals(new int[] {1000 - 4, 2000 - 10}, Machines.acc(s, 0, 2), v.toString());
      ActionCounts n = c.snapshot();
      // +1 weights: 2, -1 weights: 4, no zeros; 1 token x 2 rows x 2 groups lookups, one add each
      assertEquals(new TernaryPairCounts(6, 2, 4, 0, 0, CountSource.EXECUTED), n.lutPairs());
      assertEquals(4, n.lut().lookups());
      assertEquals(4, n.lut().accumulateAdds());
      assertEquals(8L, n.traffic().sramReadBytes(Buffer.LUT) - built.traffic().sramReadBytes(Buffer.LUT));
      assertEquals(2L, n.traffic().sramReadBytes(Buffer.WGT));
    }
  }

  /** LUT.BUILD + LUT.GEMM over SIGN_BITS equals the direct sum and the MAC array's GEMM.T on the same bytes. */
  @Test
  void randomTilesEqualTheDirectSum() {
    SplittableRandom rnd = new SplittableRandom(20261207L);
    for (int trial = 0; trial < 60; trial++) {
      int m = 1 + rnd.nextInt(3);
      int n = 1 + rnd.nextInt(6);
      int k = 1 + rnd.nextInt(70);
      int g = rnd.nextBoolean() ? 2 : 4;
      LutVariant v = rnd.nextBoolean() ? LutVariant.BINARY : LutVariant.BINARY_MIRROR;
      byte[] w = new byte[n * k];
      for (int i = 0; i < w.length; i++) {
        w[i] = (byte) (rnd.nextBoolean() ? 1 : -1);
      }
      byte[] x = TestPacking.randomInt8(rnd, m * k);
      MachineState s = Machines.small(new LutUnit(g, v));
      Machines.putBytes(s, Buffer.ACT, 0, x);
      Machines.putBytes(s, Buffer.WGT, 0, signBits(w, n, k));
      model.execute(new LutBuild(NO_DEPS, 0, 0, m, k, g, v), s, new ActionCounters());
      ActionCounters c = new ActionCounters();
      model.execute(new LutGemm(NO_DEPS, 0, 0, 0, m, n, k, Packing.SIGN_BITS, false), s, c);
      model.execute(new GemmTernary(NO_DEPS, 0, 0, 4096, m, n, k, Packing.SIGN_BITS, false), s, new ActionCounters());
      String what = "trial " + trial + " m=" + m + " n=" + n + " k=" + k + " g=" + g + " " + v;
      assertArrayEquals(TestPacking.naiveProduct(w, x, m, n, k), Machines.acc(s, 0, m * n), what);
      assertArrayEquals(Machines.acc(s, 4096, m * n), Machines.acc(s, 0, m * n), what);
      assertEquals((long) m * n * ((k + g - 1) / g), c.snapshot().lut().lookups(), what);
    }
  }

  @Test
  void aFlippedSignBitOrAChangedTableEntryChangesTheResult() {
    SplittableRandom rnd = new SplittableRandom(7L);
    int n = 3;
    int k = 20;
    byte[] w = new byte[n * k];
    for (int i = 0; i < w.length; i++) {
      w[i] = (byte) (rnd.nextBoolean() ? 1 : -1);
    }
    byte[] x = TestPacking.randomInt8(rnd, k);
    x[13] = 9; // column 13's activation is nonzero, so its weight matters
    int[] truth = TestPacking.naiveProduct(w, x, 1, n, k);
    for (LutVariant v : new LutVariant[] {LutVariant.BINARY, LutVariant.BINARY_MIRROR}) {
      MachineState s = Machines.small(new LutUnit(4, v));
      Machines.putBytes(s, Buffer.ACT, 0, x);
      byte[] packed = signBits(w, n, k);
      packed[1] ^= 1 << 5; // row 0, column 13
      Machines.putBytes(s, Buffer.WGT, 0, packed);
      model.execute(new LutBuild(NO_DEPS, 0, 0, 1, k, 4, v), s, new ActionCounters());
      model.execute(new LutGemm(NO_DEPS, 0, 0, 0, 1, n, k, Packing.SIGN_BITS, false), s, new ActionCounters());
      int[] got = Machines.acc(s, 0, n);
      assertFalse(Arrays.equals(truth, got), v + ": a flipped sign bit went unnoticed");
      assertEquals(truth[0] + (w[13] == 1 ? -18 : 18), got[0], v.toString()); // +-2 x_13
      // restore the weights, change one entry of group 0's table: every row reads group 0's table
      Machines.putBytes(s, Buffer.WGT, 0, signBits(w, n, k));
      short e = (short) (s.buffer(Buffer.LUT).getInt32(0) & 0xffff);
      short[] changed = Machines.lutTable(s, 0, v.entriesPerTable(4));
      for (int i = 0; i < changed.length; i++) {
        changed[i] = (short) (changed[i] + 1);
      }
      byte[] bytes = new byte[2 * changed.length];
      for (int i = 0; i < changed.length; i++) {
        bytes[2 * i] = (byte) changed[i];
        bytes[2 * i + 1] = (byte) (changed[i] >> 8);
      }
      Machines.putBytes(s, Buffer.LUT, 0, bytes);
      model.execute(new LutGemm(NO_DEPS, 0, 0, 0, 1, n, k, Packing.SIGN_BITS, false), s, new ActionCounters());
      assertFalse(Arrays.equals(truth, Machines.acc(s, 0, n)), v + ": a changed table entry (was " + e + ") went unnoticed");
    }
  }

  @Test
  void aSetPaddingBitOrATernaryCoreIsRefused() {
    MachineState s = Machines.small(new LutUnit(4, LutVariant.BINARY_MIRROR));
    Machines.putBytes(s, Buffer.WGT, 0, new byte[] {(byte) 0x80}); // k = 3: bit 7 is padding
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.execute(new LutGemm(NO_DEPS, 0, 0, 0, 1, 1, 3, Packing.SIGN_BITS, false), s, new ActionCounters()));
    assertTrue(e.getMessage().contains("padding bit 7"), e.getMessage());
    MachineState ternary = Machines.small();
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
        () -> model.execute(new LutGemm(NO_DEPS, 0, 0, 0, 1, 1, 3, Packing.SIGN_BITS, false), ternary,
            new ActionCounters()));
    assertTrue(t.getMessage().contains("binary or binary_mirror tables") && t.getMessage().contains("ternary_base3"),
        t.getMessage());
  }
}
