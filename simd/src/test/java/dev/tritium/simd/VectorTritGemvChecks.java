package dev.tritium.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.kernel.TernaryKernels;
import dev.tritium.models.kernel.TritGemvKernel;
import dev.tritium.models.kernel.TritPackedWeights;
import dev.tritium.models.kernel.TritTables;
import dev.tritium.models.nn.BitLinear;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.TernaryWeights;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector table-lookup GEMV gives BitLinear's exact accumulators: on odd shapes (partial tiles, K not a multiple
 * of 9, several tokens), at the extremes where a 16-bit partial sum would wrap if the chunk were too long, and it
 * notices one changed weight.
 */
class VectorTritGemvChecks {

  private static final TritGemvKernel VECTOR = VectorTritGemv.onAnyCpu();

  private static TernaryWeights weights(int rows, int cols, SplittableRandom rnd) {
    byte[] v = new byte[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (byte) (rnd.nextInt(3) - 1);
    }
    return new TernaryWeights(v, rows, cols, 1f);
  }

  private static QuantizedActivations activations(int tokens, int cols, SplittableRandom rnd) {
    byte[] x = new byte[tokens * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = (byte) (rnd.nextInt(256) - 128);
    }
    float[] s = new float[tokens];
    Arrays.fill(s, 1f);
    return new QuantizedActivations(x, tokens, cols, s);
  }

  private static int[] run(TritGemvKernel kernel, TernaryWeights w, QuantizedActivations x, ParallelLoop loop) {
    short[][] tables = new short[x.tokens()][];
    for (int t = 0; t < tables.length; t++) {
      tables[t] = kernel.tables(x.values(), t * x.features(), x.features());
    }
    int[] acc = new int[x.tokens() * w.rows()];
    TritPackedWeights.pack(w).accumulate(tables, acc, loop, kernel);
    return acc;
  }

  @Test
  void equalsTheReferenceOnOddShapesAndSeveralTokens() {
    SplittableRandom rnd = new SplittableRandom(41);
    int[][] shapes = {{1, 1}, {5, 9}, {127, 10}, {128, 17}, {129, 143}, {300, 145}, {640, 2560}, {257, 6912}};
    try (ParallelLoop loop = new ParallelLoop(2)) {
      for (int[] s : shapes) {
        for (int tokens = 1; tokens <= 3; tokens += 2) {
          TernaryWeights w = weights(s[0], s[1], rnd);
          QuantizedActivations x = activations(tokens, s[1], rnd);
          int[] expected = BitLinear.accumulate(w, x);
          assertArrayEquals(expected, run(VECTOR, w, x, loop), s[0] + " x " + s[1] + ", " + tokens + " tokens");
          if (s[0] * s[1] < 100_000) {
            assertArrayEquals(expected, run(TernaryKernels.scalarTritKernel(), w, x, loop));
          }
        }
      }
    }
  }

  @Test
  void tablesEqualTheDefinitionForEveryLengthAndOffset() {
    SplittableRandom rnd = new SplittableRandom(47);
    byte[] x = new byte[7000];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 13 == 0 ? Byte.MIN_VALUE : i % 17 == 0 ? Byte.MAX_VALUE : (byte) rnd.nextInt(256);
    }
    for (int features = 1; features <= 60; features++) {
      for (int offset = 0; offset < 4; offset++) {
        assertArrayEquals(TritTables.of(x, offset, features), VECTOR.tables(x, offset, features),
            features + " features at " + offset);
      }
    }
    assertArrayEquals(TritTables.of(x, 1, 6912), VECTOR.tables(x, 1, 6912));
  }

  @Test
  void fullRowsAtMinus128DoNotWrapTheSixteenBitSums() {
    int k = 6912;
    byte[] v = new byte[2 * k];
    Arrays.fill(v, 0, k, (byte) 1);
    Arrays.fill(v, k, 2 * k, (byte) -1);
    byte[] x = new byte[k];
    Arrays.fill(x, (byte) -128);
    QuantizedActivations q = new QuantizedActivations(x, 1, k, new float[] {1f});
    try (ParallelLoop loop = ParallelLoop.serial()) {
      assertArrayEquals(new int[] {-128 * k, 128 * k}, run(VECTOR, new TernaryWeights(v, 2, k, 1f), q, loop));
    }
  }

  @Test
  void oneChangedWeightChangesTheResult() {
    SplittableRandom rnd = new SplittableRandom(43);
    TernaryWeights w = weights(256, 300, rnd);
    QuantizedActivations x = activations(1, 300, rnd);
    x.values()[200] = 77;
    byte[] changed = w.values().clone();
    int at = 200 * 300 + 200;
    changed[at] = (byte) (changed[at] == 1 ? 0 : 1);
    try (ParallelLoop loop = ParallelLoop.serial()) {
      int[] a = run(VECTOR, w, x, loop);
      int[] b = run(VECTOR, new TernaryWeights(changed, 256, 300, 1f), x, loop);
      assertFalse(Arrays.equals(a, b));
      assertEquals(a[199], b[199]);
    }
  }

  @Test
  void rangesOutsideTheArraysAreRefusedBeforeAnyVectorLoad() {
    // 130 rows (2 tiles of 128), K = 10 (2 words): 2 x 2 x 128 shorts; tables 2 x 96 shorts
    short[] w = new short[2 * 2 * 128];
    short[][] tables = {new short[2 * 96]};
    int[] acc = new int[130];
    VECTOR.accumulateTiles(w, 2, 130, tables, acc, 0, 2);
    org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
        () -> VECTOR.accumulateTiles(new short[2 * 2 * 128 - 1], 2, 130, tables, acc, 0, 2));
    org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
        () -> VECTOR.accumulateTiles(w, 2, 130, new short[][] {new short[2 * 96 - 1]}, acc, 0, 2));
    org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
        () -> VECTOR.accumulateTiles(w, 2, 130, tables, new int[129], 0, 2));
    org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
        () -> VECTOR.accumulateTiles(w, 2, 130, tables, acc, 1, 3));
  }
}
