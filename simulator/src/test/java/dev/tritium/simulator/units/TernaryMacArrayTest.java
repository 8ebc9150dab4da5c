package dev.tritium.simulator.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.simulator.config.Dataflow;
import dev.tritium.simulator.config.ZeroSkip;
import org.junit.jupiter.api.Test;

/** Hand-computed: folds = ceil(Sr/R) * ceil(Sc/C), per fold 2R + C + T - 2. */
class TernaryMacArrayTest {

  private static TernaryMacArray array(int r, int c, Dataflow df, ZeroSkip zs) {
    return new TernaryMacArray(r, c, df, zs);
  }

  @Test
  void wsSingleTokenFullFold() {
    // m=1 (decode), k=n=4 on 4x4: 1 fold of 2*4 + 4 + 1 - 2 = 11 cycles.
    ArrayTiming t = array(4, 4, Dataflow.WS, ZeroSkip.NONE).ternaryTile(1, 4, 4, ZeroSkipWork.NONE);
    assertEquals(new ArrayTiming(1, 1, 11, 11, 16), t);
  }

  @Test
  void wsPartialFoldsCostFullFolds() {
    // m=3, n=5, k=6 on 4x4: ceil(6/4) * ceil(5/4) = 4 folds of 8 + 4 + 3 - 2 = 13 -> 52.
    assertEquals(52, array(4, 4, Dataflow.WS, ZeroSkip.NONE).ternaryTile(3, 5, 6, ZeroSkipWork.NONE).cycles());
    // K < rows: k=2 still pays the full skew: 1 fold of 11.
    assertEquals(11, array(4, 4, Dataflow.WS, ZeroSkip.NONE).ternaryTile(1, 4, 2, ZeroSkipWork.NONE).cycles());
  }

  @Test
  void wsNonSquareArray() {
    // 8 rows x 2 cols, m=1, n=3, k=9: ceil(9/8) * ceil(3/2) = 4 folds of 16 + 2 + 1 - 2 = 17 -> 68.
    assertEquals(68, array(8, 2, Dataflow.WS, ZeroSkip.NONE).ternaryTile(1, 3, 9, ZeroSkipWork.NONE).cycles());
  }

  @Test
  void osMapsTokensToRowsAndStreamsK() {
    // m=5, n=4, k=3 on 4x4: ceil(5/4) * ceil(4/4) = 2 folds, T = k = 3: 8 + 4 + 3 - 2 = 13 -> 26.
    assertEquals(26, array(4, 4, Dataflow.OS, ZeroSkip.NONE).ternaryTile(5, 4, 3, ZeroSkipWork.NONE).cycles());
    // M = 1 on OS: one fold per 4 outputs, T = k.  m=1, n=8, k=16: 2 folds of 8+4+16-2 = 26 -> 52.
    assertEquals(52, array(4, 4, Dataflow.OS, ZeroSkip.NONE).ternaryTile(1, 8, 16, ZeroSkipWork.NONE).cycles());
  }

  @Test
  void isMapsTokensToColumnsAndStreamsN() {
    // m=5, n=7, k=4 on 4x4: ceil(4/4) * ceil(5/4) = 2 folds, T = n = 7: 8 + 4 + 7 - 2 = 17 -> 34.
    assertEquals(34, array(4, 4, Dataflow.IS, ZeroSkip.NONE).ternaryTile(5, 7, 4, ZeroSkipWork.NONE).cycles());
  }

  @Test
  void zeroSkipChangesCyclesOnlyInCyclesMode() {
    ZeroSkipWork oneFold = new ZeroSkipWork(1, 0);
    assertEquals(51, array(8, 2, Dataflow.WS, ZeroSkip.CYCLES).ternaryTile(1, 3, 9, oneFold).cycles());
    assertEquals(68, array(8, 2, Dataflow.WS, ZeroSkip.ENERGY).ternaryTile(1, 3, 9, oneFold).cycles());
    ZeroSkipWork fiveSteps = new ZeroSkipWork(0, 5);
    assertEquals(21, array(4, 4, Dataflow.OS, ZeroSkip.CYCLES).ternaryTile(5, 4, 3, fiveSteps).cycles());
    assertEquals(26, array(4, 4, Dataflow.OS, ZeroSkip.NONE).ternaryTile(5, 4, 3, fiveSteps).cycles());
  }

  @Test
  void int8ModeStreamsEightBitPlanes() {
    // WS m=2, n=4, k=4 on 4x4: T = 8 * 2 = 16: 8 + 4 + 16 - 2 = 26.
    assertEquals(26, array(4, 4, Dataflow.WS, ZeroSkip.CYCLES).int8Tile(2, 4, 4).cycles());
  }

  @Test
  void utilizationOfAFullWsTile() {
    TernaryMacArray a = array(4, 4, Dataflow.WS, ZeroSkip.NONE);
    ArrayTiming t = a.ternaryTile(1, 4, 4, ZeroSkipWork.NONE);
    assertEquals(16.0 / (11 * 16), a.utilization(t), 1e-12);
  }
}
