package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.common.HalfFloats;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.LutBuildF16;
import dev.tritium.isa.LutGemmF16;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.simulator.engine.FunctionalModel;
import dev.tritium.simulator.memory.MachineState;
import dev.tritium.simulator.unit.lut.LutFloatTables;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * LUT.BUILD.F16 and LUT.GEMM.F16: the fp16 rounding of each entry on a hand-computed case, every table variant
 * against a direct loop of the documented order (isa/README.md, "fp16 tables"), the counts, and the refusals.
 */
class LutFloatInstructionTest {

  private final FunctionalModel model = new FunctionalModel();
  private final ActionCounters c = new ActionCounters();

  private static MachineState machine(int g, LutVariant v) {
    return Machines.small(new LutUnit(g, v, true));
  }

  @Test
  void eachEntryIsRoundedToFp16BeforeTheFp32Accumulation() {
    MachineState s = machine(3, LutVariant.TERNARY_BASE3);
    // One token, k = 6: group 0 = (1, 2^-11, 5), group 1 = (2^-11, 0, 0).
    float tiny = 0x1p-11f;
    s.buffer(Buffer.VEC).writeFp32s(0, new float[] {1f, tiny, 5f, tiny, 0f, 0f});
    // Row 0: +1 +1 0 | +1 0 0. Group 0's entry is fp16(1 + 2^-11): a tie at fp16's spacing 2^-10 at 1, to even = 1;
    // group 1's entry is 2^-11 (exact in fp16). The sum 1 + 2^-11 is exact in fp32: GEMM.SF's k order would give
    // 1 + 2^-11 + 2^-11 = 1 + 2^-10; the table order gives 1 + 2^-11.
    // Row 1: -1 0 -1 | 0 0 0: -(1 + 5) = -6 exactly.
    byte[] w = {1, 1, 0, 1, 0, 0, -1, 0, -1, 0, 0, 0};
    Machines.putBytes(s, Buffer.WGT, 0, TestPacking.packGroups(w, 2, 6, 3, 5, true));
    model.execute(new LutBuildF16(NO_DEPS, 0, 0, 1, 6, 3, LutVariant.TERNARY_BASE3), s, c);
    model.execute(new LutGemmF16(NO_DEPS, 0, 0, 1024, 1, 2, 6, Packing.LUT_G3, false), s, c);
    assertArrayEquals(new float[] {1f + tiny, -6f}, s.buffer(Buffer.VEC).readFp32s(1024, 2));
    // accumulate continues from OUT: (1 + 2^-11) + 1 + 2^-11 = 2 + 2^-10, exact in fp32.
    model.execute(new LutGemmF16(NO_DEPS, 0, 0, 1024, 1, 2, 6, Packing.LUT_G3, true), s, c);
    assertArrayEquals(new float[] {2f + 2 * tiny, -12f}, s.buffer(Buffer.VEC).readFp32s(1024, 2));
    LutCoreCounts counts = c.snapshot().lut();
    assertEquals(2 * 20, counts.floatBuildAdds(), "two tables of 27 entries, 20 fp32 adds each");
    assertEquals(2 * 27, counts.tableEntriesWritten());
    assertEquals(2 * 2 * 2, counts.floatAccumulateAdds(), "two tiles of 1 token x 2 rows x 2 groups");
    assertEquals(0, counts.buildAdds(), "no integer build adds");
  }

  @Test
  void everyVariantMatchesADirectLoopOfTheDocumentedOrder() {
    SplittableRandom rnd = new SplittableRandom(7);
    int m = 3;
    int n = 5;
    int k = 37;
    float[] x = new float[m * k];
    for (int i = 0; i < x.length; i++) {
      x[i] = HalfFloats.roundToF16((float) (rnd.nextGaussian() * Math.pow(4, rnd.nextInt(8) - 4)));
    }
    byte[] ternary = TestPacking.randomTernary(rnd, n * k);
    byte[] binary = new byte[n * k];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (rnd.nextBoolean() ? 1 : -1);
    }
    check(3, LutVariant.TERNARY_BASE3, Packing.LUT_G3, TestPacking.packGroups(ternary, n, k, 3, 5, true), ternary,
        x, m, n, k);
    check(3, LutVariant.TERNARY_MIRROR, Packing.LUT_G3_MIRROR, TestPacking.packMirror(ternary, n, k, 3), ternary,
        x, m, n, k);
    check(4, LutVariant.BINARY, Packing.SIGN_BITS, signBits(binary, n, k), binary, x, m, n, k);
    check(4, LutVariant.BINARY_MIRROR, Packing.SIGN_BITS, signBits(binary, n, k), binary, x, m, n, k);
    check(2, LutVariant.BINARY_MIRROR, Packing.SIGN_BITS, signBits(binary, n, k), binary, x, m, n, k);
  }

  private void check(int g, LutVariant v, Packing p, byte[] packed, byte[] w, float[] x, int m, int n, int k) {
    MachineState s = machine(g, v);
    s.buffer(Buffer.VEC).writeFp32s(0, x);
    Machines.putBytes(s, Buffer.WGT, 0, packed);
    model.execute(new LutBuildF16(NO_DEPS, 0, 0, m, k, g, v), s, c);
    model.execute(new LutGemmF16(NO_DEPS, 0, 0, 4 * m * k, m, n, k, p, false), s, c);
    float[] expected = new float[m * n];
    for (int t = 0; t < m; t++) {
      for (int r = 0; r < n; r++) {
        float sum = 0f;
        for (int c0 = 0; c0 < k; c0 += g) {
          float e = 0f;
          for (int col = c0; col < Math.min(k, c0 + g); col++) {
            int wv = w[r * k + col];
            e = wv > 0 ? e + x[t * k + col] : wv < 0 ? e - x[t * k + col] : e;
          }
          sum = sum + HalfFloats.roundToF16(e);
        }
        expected[t * n + r] = sum;
      }
    }
    float[] got = s.buffer(Buffer.VEC).readFp32s(4 * m * k, m * n);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(got[i]), v + " output " + i + ": "
          + expected[i] + " vs " + got[i]);
    }
  }

  private static byte[] signBits(byte[] w, int n, int k) {
    int rowBytes = (k + 7) / 8;
    byte[] out = new byte[n * rowBytes];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < k; i++) {
        if (w[r * k + i] > 0) {
          out[r * rowBytes + i / 8] |= (byte) (1 << (i % 8));
        }
      }
    }
    return out;
  }

  @Test
  void buildAddCountsFollowTheUOrderPrefixTree() {
    assertEquals(20, LutFloatTables.buildAddsPerTable(LutVariant.TERNARY_BASE3, 3));
    assertEquals(72, LutFloatTables.buildAddsPerTable(LutVariant.TERNARY_BASE3, 4));
    assertEquals(28, LutFloatTables.buildAddsPerTable(LutVariant.BINARY, 4));
    assertEquals(20, LutFloatTables.buildAddsPerTable(LutVariant.BINARY_MIRROR, 4));
    assertEquals(2, LutFloatTables.buildAddsPerTable(LutVariant.BINARY_MIRROR, 2));
  }

  @Test
  void aCoreWithoutFpAddersAndBitSerialTablesAreRefused() {
    MachineState plain = Machines.small(new LutUnit(3, LutVariant.TERNARY_BASE3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.execute(
        new LutBuildF16(NO_DEPS, 0, 0, 1, 6, 3, LutVariant.TERNARY_BASE3), plain, c));
    assertTrue(e.getMessage().contains("LUT.BUILD.F16 needs fp adders in the LUT core (arch lut_core.float_adders:"
        + " fp32)"), e.getMessage());
    MachineState serial = machine(4, LutVariant.BIT_SERIAL);
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> model.execute(
        new LutBuildF16(NO_DEPS, 0, 0, 1, 8, 4, LutVariant.BIT_SERIAL), serial, c));
    assertTrue(b.getMessage().contains("bit_serial's offset code"), b.getMessage());
    IllegalArgumentException q = assertThrows(IllegalArgumentException.class, () -> model.execute(
        new LutGemmF16(NO_DEPS, 0, 0, 1024, 1, 1, 8, Packing.BIT_PLANES, false), serial, c));
    assertTrue(q.getMessage().contains("offset-coded"), q.getMessage());
  }
}
