package dev.tritium.simulator.unit.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.simulator.unit.mac.ArrayTiming;
import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.simulator.unit.mac.TernaryMacArray;
import dev.tritium.simulator.unit.mac.ZeroSkip;
import dev.tritium.simulator.unit.mac.ZeroWeights;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed: folds = ceil(Sr/R) * ceil(Sc/C); fold-serialised 2R + C + T - 2 per fold;
 * double-buffered R + (folds - 1) max(T, R) + (T + R + C - 2).
 */
class TernaryMacArrayTest {

  private static TernaryMacArray array(int r, int c, Dataflow df, ZeroSkip zs) {
    return new TernaryMacArray(r, c, df, zs);
  }

  private static TernaryMacArray doubleBuffered(int r, int c, Dataflow df, ZeroSkip zs) {
    return new TernaryMacArray(r, c, df, zs, true);
  }

  /** Zero weights of a tile given as W[n][k] (rows of -1/0/+1). */
  private static ZeroWeights weights(int[][] w) {
    return (n0, n1, k0, k1) -> {
      for (long r = n0; r < n1; r++) {
        for (long c = k0; c < k1; c++) {
          if (w[(int) r][(int) c] != 0) {
            return false;
          }
        }
      }
      return true;
    };
  }

  private static int[][] ones(int n, int k) {
    int[][] w = new int[n][k];
    for (int[] row : w) {
      java.util.Arrays.fill(row, 1);
    }
    return w;
  }

  @Test
  void wsSingleTokenFullFold() {
    // m=1 (decode), k=n=4 on 4x4: 1 fold of 2*4 + 4 + 1 - 2 = 11 cycles.
    ArrayTiming t = array(4, 4, Dataflow.WS, ZeroSkip.NONE).ternaryTile(1, 4, 4);
    assertEquals(new ArrayTiming(1, 1, 0, 11, 16), t);
  }

  @Test
  void wsPartialFoldsCostFullFolds() {
    // m=3, n=5, k=6 on 4x4: ceil(6/4) * ceil(5/4) = 4 folds of 8 + 4 + 3 - 2 = 13 -> 52.
    assertEquals(52, array(4, 4, Dataflow.WS, ZeroSkip.NONE).ternaryTile(3, 5, 6).cycles());
    // K < rows: k=2 still pays the full skew: 1 fold of 11.
    assertEquals(11, array(4, 4, Dataflow.WS, ZeroSkip.NONE).ternaryTile(1, 4, 2).cycles());
  }

  @Test
  void wsNonSquareArray() {
    // 8 rows x 2 cols, m=1, n=3, k=9: ceil(9/8) * ceil(3/2) = 4 folds of 16 + 2 + 1 - 2 = 17 -> 68.
    assertEquals(68, array(8, 2, Dataflow.WS, ZeroSkip.NONE).ternaryTile(1, 3, 9).cycles());
  }

  @Test
  void osMapsTokensToRowsAndStreamsK() {
    // m=5, n=4, k=3 on 4x4: ceil(5/4) * ceil(4/4) = 2 folds, T = k = 3: 8 + 4 + 3 - 2 = 13 -> 26.
    assertEquals(26, array(4, 4, Dataflow.OS, ZeroSkip.NONE).ternaryTile(5, 4, 3).cycles());
    // M = 1 on OS: one fold per 4 outputs, T = k.  m=1, n=8, k=16: 2 folds of 8+4+16-2 = 26 -> 52.
    assertEquals(52, array(4, 4, Dataflow.OS, ZeroSkip.NONE).ternaryTile(1, 8, 16).cycles());
  }

  @Test
  void isMapsTokensToColumnsAndStreamsN() {
    // m=5, n=7, k=4 on 4x4: ceil(4/4) * ceil(5/4) = 2 folds, T = n = 7: 8 + 4 + 7 - 2 = 17 -> 34.
    assertEquals(34, array(4, 4, Dataflow.IS, ZeroSkip.NONE).ternaryTile(5, 7, 4).cycles());
  }

  @Test
  void wsZeroSkipDropsAllZeroFoldsOnlyInCyclesMode() {
    // 8x2 array, m=1, n=3, k=9: folds (k 0-7 | k 8) x (n 0-1 | n 2); W[0][8] = W[1][8] = 0 makes the
    // fold (k 8, n 0-1) all zero; (k 8, n 2) is not. 3 of 4 folds of 17 run = 51.
    int[][] w = ones(3, 9);
    w[0][8] = 0;
    w[1][8] = 0;
    ArrayTiming t = array(8, 2, Dataflow.WS, ZeroSkip.CYCLES).ternaryTile(1, 3, 9, weights(w));
    assertEquals(new ArrayTiming(4, 3, 0, 51, 27), t);
    assertEquals(68, array(8, 2, Dataflow.WS, ZeroSkip.ENERGY).ternaryTile(1, 3, 9, weights(w)).cycles());
    assertEquals(68, array(8, 2, Dataflow.WS, ZeroSkip.NONE).ternaryTile(1, 3, 9, weights(w)).cycles());
    // A zero weight that leaves its fold partly nonzero skips nothing.
    int[][] one = ones(3, 9);
    one[0][8] = 0;
    assertEquals(68, array(8, 2, Dataflow.WS, ZeroSkip.CYCLES).ternaryTile(1, 3, 9, weights(one)).cycles());
    // Double-buffered: 4 folds: 8 + 3 max(1, 8) + (1 + 8 + 2 - 2) = 41; 3 folds: 8 + 2*8 + 9 = 33.
    assertEquals(41, doubleBuffered(8, 2, Dataflow.WS, ZeroSkip.ENERGY).ternaryTile(1, 3, 9, weights(w)).cycles());
    assertEquals(33, doubleBuffered(8, 2, Dataflow.WS, ZeroSkip.CYCLES).ternaryTile(1, 3, 9, weights(w)).cycles());
    // An all-zero tile runs no fold at all.
    assertEquals(0, doubleBuffered(8, 2, Dataflow.WS, ZeroSkip.CYCLES)
        .ternaryTile(1, 3, 9, weights(new int[3][9])).cycles());
  }

  @Test
  void osZeroSkipDropsAllZeroKSteps() {
    // OS 4x4, m=5, n=4, k=3: 2 row folds (tokens 0-3, 4) x 1 column fold, T = 3. Column k=1 is zero
    // for all 4 outputs: one step fewer in each of the 2 folds: 26 - 2 = 24.
    int[][] w = ones(4, 3);
    for (int[] row : w) {
      row[1] = 0;
    }
    ArrayTiming t = array(4, 4, Dataflow.OS, ZeroSkip.CYCLES).ternaryTile(5, 4, 3, weights(w));
    assertEquals(new ArrayTiming(2, 2, 2, 24, 60), t);
    assertEquals(26, array(4, 4, Dataflow.OS, ZeroSkip.ENERGY).ternaryTile(5, 4, 3, weights(w)).cycles());
    // Double-buffered: 4 + max(3, 4) + (3 + 4 + 4 - 2) = 17; with T = 2 per fold the first fold's slot
    // is still its R = 4 (the preload dominates), only the last fold is shorter: 4 + 4 + 8 = 16.
    assertEquals(17, doubleBuffered(4, 4, Dataflow.OS, ZeroSkip.ENERGY).ternaryTile(5, 4, 3, weights(w)).cycles());
    assertEquals(16, doubleBuffered(4, 4, Dataflow.OS, ZeroSkip.CYCLES).ternaryTile(5, 4, 3, weights(w)).cycles());
  }

  @Test
  void isZeroSkipDropsAllZeroOutputRows() {
    // IS 4x4, m=5, n=7, k=4: 1 row fold x 2 column folds (tokens 0-3, 4), T = n = 7. Rows n=2 and n=5
    // are all zero: 2 steps fewer in each fold: 34 - 4 = 30.
    int[][] w = ones(7, 4);
    w[2] = new int[4];
    w[5] = new int[4];
    assertEquals(new ArrayTiming(2, 2, 4, 30, 140),
        array(4, 4, Dataflow.IS, ZeroSkip.CYCLES).ternaryTile(5, 7, 4, weights(w)));
    assertEquals(34, array(4, 4, Dataflow.IS, ZeroSkip.ENERGY).ternaryTile(5, 7, 4, weights(w)).cycles());
    // Double-buffered: 4 + max(7, 4) + (7 + 4 + 4 - 2) = 24; T = 5: 4 + 5 + 11 = 20.
    assertEquals(24, doubleBuffered(4, 4, Dataflow.IS, ZeroSkip.ENERGY).ternaryTile(5, 7, 4, weights(w)).cycles());
    assertEquals(20, doubleBuffered(4, 4, Dataflow.IS, ZeroSkip.CYCLES).ternaryTile(5, 7, 4, weights(w)).cycles());
  }

  @Test
  void doubleBufferedWsDecodeHidesEveryPreloadButTheFirst() {
    // WS 4x4, m=1 (T = 1), n=8, k=16: 4 x 2 = 8 folds. Serialised 8 x (8 + 4 + 1 - 2) = 88;
    // double-buffered 4 + 7 max(1, 4) + (1 + 4 + 4 - 2) = 39.
    assertEquals(88, array(4, 4, Dataflow.WS, ZeroSkip.NONE).ternaryTile(1, 8, 16).cycles());
    assertEquals(39, doubleBuffered(4, 4, Dataflow.WS, ZeroSkip.NONE).ternaryTile(1, 8, 16).cycles());
    // Partial folds (m=3, n=5, k=6): 4 folds, T = 3: 4 + 3 max(3, 4) + (3 + 4 + 4 - 2) = 25 (serialised 52).
    assertEquals(25, doubleBuffered(4, 4, Dataflow.WS, ZeroSkip.NONE).ternaryTile(3, 5, 6).cycles());
    // T > R (m=10, n=4, k=8): 2 folds: 4 + max(10, 4) + (10 + 4 + 4 - 2) = 30 (serialised 2 x 20 = 40).
    assertEquals(30, doubleBuffered(4, 4, Dataflow.WS, ZeroSkip.NONE).ternaryTile(10, 4, 8).cycles());
    assertEquals(40, array(4, 4, Dataflow.WS, ZeroSkip.NONE).ternaryTile(10, 4, 8).cycles());
  }

  @Test
  void doubleBufferedOneFoldCostsTheSameAsSerialised() {
    for (Dataflow df : Dataflow.values()) {
      // m=n=k=4 is one fold in every dataflow: 2*4 + 4 + 4 - 2 = 14.
      assertEquals(14, array(4, 4, df, ZeroSkip.NONE).ternaryTile(4, 4, 4).cycles(), df.name());
      assertEquals(14, doubleBuffered(4, 4, df, ZeroSkip.NONE).ternaryTile(4, 4, 4).cycles(), df.name());
    }
  }

  @Test
  void doubleBufferedOsAndIs() {
    // OS m=8, n=4, k=2 on 4x4: 2 folds, T = 2: 4 + max(2, 4) + (2 + 4 + 4 - 2) = 16 (serialised 2 x 12 = 24).
    assertEquals(16, doubleBuffered(4, 4, Dataflow.OS, ZeroSkip.NONE).ternaryTile(8, 4, 2).cycles());
    // IS m=3, n=6, k=12 on 4x4: 3 row folds x 1, T = n = 6: 4 + 2 max(6, 4) + (6 + 4 + 4 - 2) = 28 (serialised 3 x 16 = 48).
    assertEquals(28, doubleBuffered(4, 4, Dataflow.IS, ZeroSkip.NONE).ternaryTile(3, 6, 12).cycles());
    assertEquals(48, array(4, 4, Dataflow.IS, ZeroSkip.NONE).ternaryTile(3, 6, 12).cycles());
  }

  @Test
  void int8ModeStreamsEightBitPlanes() {
    // WS m=2, n=4, k=4 on 4x4: T = 8 * 2 = 16: 8 + 4 + 16 - 2 = 26.
    assertEquals(26, array(4, 4, Dataflow.WS, ZeroSkip.CYCLES).int8Tile(2, 4, 4).cycles());
    // k=8: 2 folds; double-buffered 4 + max(16, 4) + (16 + 4 + 4 - 2) = 42 (serialised 52).
    assertEquals(42, doubleBuffered(4, 4, Dataflow.WS, ZeroSkip.CYCLES).int8Tile(2, 4, 8).cycles());
  }

  @Test
  void utilizationOfAFullWsTile() {
    TernaryMacArray a = array(4, 4, Dataflow.WS, ZeroSkip.NONE);
    ArrayTiming t = a.ternaryTile(1, 4, 4);
    assertEquals(16.0 / (11 * 16), a.utilization(t), 1e-12);
  }

  @Test
  void int8MultipliersKeepTheTernaryTemporalLength() {
    // WS 4x4, m=3, n=5, k=6: 4 folds, T = m = 3. Ternary: 4 x (8 + 4 + 3 - 2) = 52.
    // Bit-serial int8: T = 8 x 3 = 24: 4 x (8 + 4 + 24 - 2) = 136. With multipliers T stays 3: 52.
    TernaryMacArray serial = new TernaryMacArray(4, 4, Dataflow.WS, ZeroSkip.NONE, false, false);
    TernaryMacArray mult = new TernaryMacArray(4, 4, Dataflow.WS, ZeroSkip.NONE, false, true);
    assertEquals(52, serial.ternaryTile(3, 5, 6).cycles());
    assertEquals(136, serial.int8Tile(3, 5, 6).cycles());
    assertEquals(new ArrayTiming(4, 4, 0, 52, 90), mult.int8Tile(3, 5, 6));
    assertEquals(mult.ternaryTile(3, 5, 6), mult.int8Tile(3, 5, 6));
    // OS 4x4, m=5, n=4, k=3: 2 folds, T = k = 3: 2 x 13 = 26; bit-serial T = 24: 2 x (8 + 4 + 24 - 2) = 68.
    TernaryMacArray osSerial = new TernaryMacArray(4, 4, Dataflow.OS, ZeroSkip.NONE, false, false);
    TernaryMacArray osMult = new TernaryMacArray(4, 4, Dataflow.OS, ZeroSkip.NONE, false, true);
    assertEquals(68, osSerial.int8Tile(5, 4, 3).cycles());
    assertEquals(26, osMult.int8Tile(5, 4, 3).cycles());
    // Double-buffered WS, m=3, n=5, k=6: R + (folds-1) max(T, R) + (T + R + C - 2).
    // Multipliers: 4 + 3 x max(3, 4) + (3 + 6) = 25; bit-serial T = 24: 4 + 3 x 24 + (24 + 6) = 106.
    assertEquals(25, new TernaryMacArray(4, 4, Dataflow.WS, ZeroSkip.NONE, true, true).int8Tile(3, 5, 6).cycles());
    assertEquals(106, new TernaryMacArray(4, 4, Dataflow.WS, ZeroSkip.NONE, true, false).int8Tile(3, 5, 6).cycles());
  }
}
