package dev.tritium.simulator.unit.mac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.functional.GroupFieldLayout;
import dev.tritium.simulator.functional.TestPacking;
import dev.tritium.simulator.functional.WeightTileStats;
import dev.tritium.simulator.unit.mac.ByteTableTernaryGemm;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ByteTableTernaryGemmTest {

  @Test
  void twoBitHandComputedWithAwkwardK() {
    // W = [[+1, -1, 0, +1, -1, +1, 0], [0, 0, -1, -1, +1, +1, +1]], k = 7 (not a multiple of 4)
    byte[] w = {1, -1, 0, 1, -1, 1, 0, 0, 0, -1, -1, 1, 1, 1};
    byte[] x = {3, 5, -7, 2, 10, -4, 100};
    // row 0: 3 - 5 + 0 + 2 - 10 - 4 + 0 = -14; row 1: 0 + 0 + 7 - 2 + 10 - 4 + 100 = 111
    // codes row 0: 2,0,1,2 | 0,2,1 + spare slot code 1 (weight 0, models/README.md)
    //   -> byte 0 = 2 | 0<<2 | 1<<4 | 2<<6 = 0x92, byte 1 = 0 | 2<<2 | 1<<4 | 1<<6 = 0x58
    byte[] packed = TestPacking.packGroups(w, 2, 7, 1, 2, false);
    assertEquals((byte) 0x92, packed[0]);
    assertEquals((byte) 0x58, packed[1]);
    ByteTableTernaryGemm gemm = new ByteTableTernaryGemm(GroupFieldLayout.TWO_BIT);
    WeightTileStats stats = gemm.scan(packed, 0, 2, 2, 7, "test");
    assertEquals(new WeightTileStats(6, 4, 4), stats);
    int[] acc = new int[2];
    gemm.multiply(packed, 0, 2, x, 0, 7, acc, 1, 2, 7);
    assertArrayEquals(new int[] {-14, 111}, acc);
  }

  @Test
  void base3HandComputedByte() {
    // weights (+1, 0, -1, -1, +1): digits 2,1,0,0,2 -> 2 + 3 + 0 + 0 + 2*81 = 167
    byte[] w = {1, 0, -1, -1, 1};
    byte[] packed = TestPacking.packGroups(w, 1, 5, 5, 8, false);
    assertEquals((byte) 167, packed[0]);
    byte[] x = {10, 20, 30, 40, 50};
    int[] acc = {1000};
    ByteTableTernaryGemm gemm = new ByteTableTernaryGemm(GroupFieldLayout.BASE3);
    gemm.scan(packed, 0, 1, 1, 5, "test");
    gemm.multiply(packed, 0, 1, x, 0, 5, acc, 1, 1, 5);
    assertArrayEquals(new int[] {1000 + 10 - 30 - 40 + 50}, acc);
  }

  @Test
  void invalidCodeIsRejectedNamingTheByte() {
    byte[] packed = {(byte) 0xff}; // 2-bit code 3 in every field
    ByteTableTernaryGemm gemm = new ByteTableTernaryGemm(GroupFieldLayout.TWO_BIT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gemm.scan(packed, 0, 1, 1, 4, "GEMM.T #3"));
    assertTrue(e.getMessage().contains("GEMM.T #3") && e.getMessage().contains("address 0"), e.getMessage());
    byte[] base3 = {(byte) 243};
    ByteTableTernaryGemm b3 = new ByteTableTernaryGemm(GroupFieldLayout.BASE3);
    assertThrows(IllegalArgumentException.class, () -> b3.scan(base3, 0, 1, 1, 3, "t"));
  }

  @Test
  void rowPaddingMustHoldZeroWeightCodes() {
    // k = 1 of a 2-bit byte: bits 0..1 are the real weight (+1); the spare slots hold code 1 (weight 0).
    ByteTableTernaryGemm gemm = new ByteTableTernaryGemm(GroupFieldLayout.TWO_BIT);
    byte[] clean = {(byte) 0x56};
    assertEquals(new WeightTileStats(1, 0, 0), gemm.scan(clean, 0, 1, 1, 1, "t"));
    int[] acc = new int[1];
    gemm.multiply(clean, 0, 1, new byte[] {-9}, 0, 1, acc, 1, 1, 1);
    assertEquals(-9, acc[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> gemm.scan(new byte[] {(byte) 0x52}, 0, 1, 1, 1, "t"));
    assertTrue(e.getMessage().contains("padding field 1"), e.getMessage());
    // base-3, k = 3: digits 3 and 4 must be 1 (weight 0); byte 2 + 1*3 + 1*9 + 1*27 + 1*81 = 122 is clean
    ByteTableTernaryGemm b3 = new ByteTableTernaryGemm(GroupFieldLayout.BASE3);
    assertEquals(new WeightTileStats(1, 0, 2), b3.scan(new byte[] {122}, 0, 1, 1, 3, "t"));
    IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
        () -> b3.scan(new byte[] {(byte) (122 + 81)}, 0, 1, 1, 3, "t"));
    assertTrue(p.getMessage().contains("padding weight 4"), p.getMessage());
  }

  @Property(tries = 60, seed = "20260101")
  void equalsNaiveProductForByteAlignedLayouts(@ForAll @IntRange(min = 1, max = 5) int m,
      @ForAll @IntRange(min = 1, max = 9) int n, @ForAll @IntRange(min = 1, max = 300) int k,
      @ForAll @IntRange(min = 0, max = 2) int layoutChoice, @ForAll long seed) {
    GroupFieldLayout layout = new GroupFieldLayout[] {GroupFieldLayout.TWO_BIT, GroupFieldLayout.BASE3,
        GroupFieldLayout.LUT_G2}[layoutChoice];
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] w = TestPacking.randomTernary(rnd, n * k);
    byte[] x = TestPacking.randomInt8(rnd, m * k);
    byte[] packed = TestPacking.packGroups(w, n, k, layout.groupSize(), layout.fieldBits(), layout.firstMostSignificant());
    int rowBytes = packed.length / n;
    ByteTableTernaryGemm gemm = new ByteTableTernaryGemm(layout);
    WeightTileStats stats = gemm.scan(packed, 0, rowBytes, n, k, "t");
    long plus = 0;
    long minus = 0;
    for (byte v : w) {
      plus += v == 1 ? 1 : 0;
      minus += v == -1 ? 1 : 0;
    }
    assertEquals(new WeightTileStats(plus, minus, (long) n * k - plus - minus), stats);
    int[] acc = new int[m * n];
    gemm.multiply(packed, 0, rowBytes, x, 0, k, acc, m, n, k);
    assertArrayEquals(TestPacking.naiveProduct(w, x, m, n, k), acc);
  }
}
