package dev.tritium.simulator.unit.lut;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
