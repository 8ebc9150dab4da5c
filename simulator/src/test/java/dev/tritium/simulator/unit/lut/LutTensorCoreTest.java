package dev.tritium.simulator.unit.lut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tritium.isa.LutVariant;
import dev.tritium.simulator.unit.lut.LutBuildTiming;
import dev.tritium.simulator.unit.lut.LutGemmTiming;
import dev.tritium.simulator.unit.lut.LutTensorCore;
import org.junit.jupiter.api.Test;

class LutTensorCoreTest {

  private static LutTensorCore core(int g, LutVariant v, int built, int lookups, int sharing) {
    return new LutTensorCore(g, v, 16, built, lookups, sharing, 3);
  }

  /** Independent count: patterns stored by the variant that have >= 2 nonzero weights. */
  private static long enumeratedAdds(int g, LutVariant v) {
    if (v.isBinary()) {
      // Every stored pattern has g nonzero weights: g - 1 adds for the first, then one per further pattern (each
      // differs from an earlier one in one sign).
      long stored = 0;
      for (int p = 0; p < 1 << g; p++) {
        stored += v == LutVariant.BINARY || (p >>> (g - 1) & 1) == 1 ? 1 : 0;
      }
      return g - 1 + stored - 1;
    }
    long adds = 0;
    int base = v == LutVariant.BIT_SERIAL ? 2 : 3;
    int patterns = (int) Math.pow(base, g);
    for (int p = 0; p < patterns; p++) {
      int nonzero = 0;
      int firstNonzero = 0;
      for (int i = 0, q = p; i < g; i++, q /= base) {
        int w = base == 2 ? q % 2 : q % 3 - 1;
        if (w != 0) {
          nonzero++;
          if (firstNonzero == 0) {
            firstNonzero = w;
          }
        }
      }
      boolean stored = v != LutVariant.TERNARY_MIRROR || firstNonzero >= 0;
      if (stored && nonzero >= 2) {
        adds++;
      }
    }
    return adds;
  }

  @Test
  void addsPerTableMatchEnumeration() {
    assertEquals(20, core(3, LutVariant.TERNARY_BASE3, 1, 1, 1).addsPerTable());
    assertEquals(10, core(3, LutVariant.TERNARY_MIRROR, 1, 1, 1).addsPerTable());
    assertEquals(11, core(4, LutVariant.BIT_SERIAL, 1, 1, 1).addsPerTable());
    assertEquals(18, core(4, LutVariant.BINARY, 1, 1, 1).addsPerTable());
    assertEquals(10, core(4, LutVariant.BINARY_MIRROR, 1, 1, 1).addsPerTable());
    for (int g = 2; g <= 4; g++) {
      for (LutVariant v : LutVariant.values()) {
        assertEquals(enumeratedAdds(g, v), core(g, v, 1, 1, 1).addsPerTable(), v + " g=" + g);
      }
    }
  }

  @Test
  void buildCountsTablesAddsBytesAndCycles() {
    // m=2, k=10, g=3: 4 groups (last padded) -> 8 tables; 2 per cycle -> 4 + latency 3 = 7.
    LutBuildTiming b = core(3, LutVariant.TERNARY_BASE3, 2, 4, 4).build(2, 10);
    assertEquals(new LutBuildTiming(8, 8 * 20, 8 * 27 * 2, 7), b);
    // mirror: 14 int16 entries = 28 bytes per table.
    assertEquals(8 * 28, core(3, LutVariant.TERNARY_MIRROR, 2, 4, 4).build(2, 10).tableBytes());
  }

  @Test
  void gemmSharesEachTableAcrossOutputRows() {
    // m=2, n=10, k=10, g=3: 4 groups; 4 lanes all sharing one table: 2*4*ceil(10/4) = 24 broadcasts.
    LutGemmTiming t = core(3, LutVariant.TERNARY_BASE3, 1, 4, 4).gemm(2, 10, 10);
    assertEquals(new LutGemmTiming(80, 24, 27), t);
    // 4 lanes in 2 pairs: 2*4*ceil(10/2) = 40 broadcasts, 2 per cycle -> 20 + 3.
    assertEquals(new LutGemmTiming(80, 40, 23), core(3, LutVariant.TERNARY_BASE3, 1, 4, 2).gemm(2, 10, 10));
  }

  @Test
  void bitSerialPaysTwoPlanes() {
    // g=4, m=1, n=8, k=8: 2 groups x 2 planes; 8 lanes sharing: 1*4*1 = 4 broadcasts + 3.
    LutGemmTiming t = core(4, LutVariant.BIT_SERIAL, 1, 8, 8).gemm(1, 8, 8);
    assertEquals(new LutGemmTiming(32, 4, 7), t);
  }

  /**
   * TeLLMe-like core: g = 3 base-3 (27 entries x 10 bits = 34 bytes per table), 28 tables per 84 cycles,
   * activation block 84, 448 lookups shared by 16 rows, latency 5.
   */
  private static LutTensorCore blocked() {
    return new LutTensorCore(3, LutVariant.TERNARY_BASE3, 10, 28, 84, 84, 448, 16, 5);
  }

  @Test
  void activationBlockPadsKBeforeGrouping() {
    LutTensorCore c = blocked();
    // 1536 / 84 = 18.3 -> 19 blocks = 1596 activations -> 1596 / 3 = 532 groups.
    assertEquals(1596, c.paddedK(1536));
    assertEquals(532, c.groups(1536));
    // A whole number of blocks is not padded: 1596 -> 532; 84 -> 28 groups; 85 -> 2 blocks = 168 -> 56.
    assertEquals(1596, c.paddedK(1596));
    assertEquals(532, c.groups(1596));
    assertEquals(28, c.groups(84));
    assertEquals(56, c.groups(85));
    // Without a block (0), K is only rounded up to whole groups: 1536 / 3 = 512; 10 -> 4.
    LutTensorCore plain = new LutTensorCore(3, LutVariant.TERNARY_BASE3, 10, 28, 84, 0, 448, 16, 5);
    assertEquals(1536, plain.paddedK(1536));
    assertEquals(512, plain.groups(1536));
    assertEquals(4, plain.groups(10));
  }

  @Test
  void buildRateIsTablesPerBuildCycles() {
    // m = 1, k = 1536: 532 tables; 28 tables per 84 cycles = 3 cycles per table: 532 * 84 / 28 = 1596, + 5.
    // adds 532 x 20 (3^3 - 1 - 2*3); bytes 532 x ceil(27 * 10 / 8) = 532 x 34.
    assertEquals(new LutBuildTiming(532, 532 * 20, 532 * 34, 1596 + 5), blocked().build(1, 1536));
    // m = 2: 1064 tables -> 1064 * 84 / 28 = 3192, + 5.
    assertEquals(new LutBuildTiming(1064, 1064 * 20, 1064 * 34, 3192 + 5), blocked().build(2, 1536));
    // A rate that does not divide: 2 tables per 5 cycles, no block, k = 9 -> 3 tables: ceil(3 * 5 / 2) = 8, + 3.
    LutTensorCore slow = new LutTensorCore(3, LutVariant.TERNARY_BASE3, 16, 2, 5, 0, 4, 4, 3);
    assertEquals(8 + 3, slow.build(1, 9).cycles());
    // The 7-argument constructor is table_build_cycles = 1 and no block: m=2, k=10 -> 8 tables at 2/cycle = 4 + 3.
    assertEquals(core(3, LutVariant.TERNARY_BASE3, 2, 4, 4).build(2, 10),
        new LutTensorCore(3, LutVariant.TERNARY_BASE3, 16, 2, 1, 0, 4, 4, 3).build(2, 10));
  }

  @Test
  void gemmChargesThePaddedGroups() {
    // m = 1, n = 32, k = 1536: 532 groups, 1 plane; S = min(16, 448) = 16 rows per table read,
    // broadcasts = 1 * 532 * ceil(32 / 16) = 1064; 448 / 16 = 28 tables read per cycle:
    // ceil(1064 / 28) = 38, + 5 = 43; lookups = 1 * 32 * 532 = 17024.
    assertEquals(new LutGemmTiming(17_024, 1064, 43), blocked().gemm(1, 32, 1536));
    // Unpadded K (no block): 512 groups -> 1024 broadcasts, ceil(1024 / 28) = 37, + 5 = 42; 16384 lookups.
    LutTensorCore plain = new LutTensorCore(3, LutVariant.TERNARY_BASE3, 10, 28, 84, 0, 448, 16, 5);
    assertEquals(new LutGemmTiming(16_384, 1024, 42), plain.gemm(1, 32, 1536));
  }

  @Test
  void constructorRejectsBadBlockAndBuildCycles() {
    IllegalArgumentException block = assertThrows(IllegalArgumentException.class,
        () -> new LutTensorCore(3, LutVariant.TERNARY_BASE3, 10, 28, 84, 85, 448, 16, 5));
    assertEquals("lut activation_block must be 0 or a multiple of group_size 3, got 85", block.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new LutTensorCore(4, LutVariant.TERNARY_BASE3, 16, 1, 1, 6, 64, 16, 5)); // 6 is not a multiple of 4
    assertThrows(IllegalArgumentException.class,
        () -> new LutTensorCore(3, LutVariant.TERNARY_BASE3, 10, 28, 84, -3, 448, 16, 5));
    IllegalArgumentException cycles = assertThrows(IllegalArgumentException.class,
        () -> new LutTensorCore(3, LutVariant.TERNARY_BASE3, 10, 28, 0, 84, 448, 16, 5));
    assertEquals("lut table_build_cycles must be > 0", cycles.getMessage());
  }
}
