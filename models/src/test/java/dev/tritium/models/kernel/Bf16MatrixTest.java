package dev.tritium.models.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Bf16MatrixTest {

  /** The documented order, written the plain way: per row, s = 0f; s = s + w[k] * x[k] for k ascending. */
  private static float[] sequentialMatVec(short[] bits, int rows, int cols, float[] x) {
    float[] out = new float[rows];
    for (int r = 0; r < rows; r++) {
      float s = 0f;
      for (int k = 0; k < cols; k++) {
        s += Bf16Matrix.toFloat(bits[r * cols + k]) * x[k];
      }
      out[r] = s;
    }
    return out;
  }

  /** bf16 values over a wide exponent range (products and sums round, some overflow or are subnormal). */
  private static short[] randomBits(int n, SplittableRandom rnd) {
    short[] bits = new short[n];
    for (int i = 0; i < n; i++) {
      int exponent = 60 + rnd.nextInt(140);
      bits[i] = (short) ((rnd.nextInt(2) << 15) | (exponent << 7) | rnd.nextInt(128));
    }
    return bits;
  }

  @Test
  void matVecIsBitExactWithTheSequentialOrderForAnyShapeAndThreadCount() {
    SplittableRandom rnd = new SplittableRandom(11);
    int[][] shapes = {{1, 1}, {2, 3}, {17, 2}, {33, 5}, {1024, 4}, {1500, 37}, {2100, 64}, {1300, 19}, {300, 9}};
    try (ParallelLoop three = new ParallelLoop(3)) {
      for (int[] shape : shapes) {
        int rows = shape[0];
        int cols = shape[1];
        short[] bits = randomBits(rows * cols, rnd);
        float[] x = new float[cols];
        for (int k = 0; k < cols; k++) {
          x[k] = (float) (rnd.nextGaussian() * Math.pow(2, rnd.nextInt(40) - 20));
        }
        Bf16Matrix m = new Bf16Matrix(rows, cols, bits);
        float[] expected = sequentialMatVec(bits, rows, cols, x);
        for (ParallelLoop loop : new ParallelLoop[] {ParallelLoop.serial(), three}) {
          float[] out = new float[rows];
          m.matVec(x, out, loop);
          for (int r = 0; r < rows; r++) {
            int row = r;
            assertEquals(Float.floatToRawIntBits(expected[r]), Float.floatToRawIntBits(out[r]),
                () -> rows + "x" + cols + " with " + loop.threads() + " threads, row " + row);
          }
        }
      }
    }
  }

  @Test
  void orderIsSequentialNotPairwise() {
    // Row = [1, 2^-24, 2^-24, 2^-24]: sequentially each 2^-24 is lost (ties to even), so the sum is 1;
    // pairing the small terms first would give 1 + 2^-23.
    short small = Bf16Matrix.toBf16(0x1p-24f);
    short[] bits = {Bf16Matrix.toBf16(1f), small, small, small};
    float[] out = new float[1];
    new Bf16Matrix(1, 4, bits).matVec(new float[] {1f, 1f, 1f, 1f}, out, ParallelLoop.serial());
    assertEquals(1f, out[0]);
    float[] reversed = new float[1];
    new Bf16Matrix(1, 4, new short[] {small, small, small, Bf16Matrix.toBf16(1f)})
        .matVec(new float[] {1f, 1f, 1f, 1f}, reversed, ParallelLoop.serial());
    assertEquals(1f + 0x1p-22f, reversed[0]);
  }

  @Test
  void getAndCopyRowReturnTheStoredValues() {
    SplittableRandom rnd = new SplittableRandom(5);
    int rows = 1100;
    int cols = 7;
    short[] bits = randomBits(rows * cols, rnd);
    Bf16Matrix m = new Bf16Matrix(rows, cols, bits);
    float[] row = new float[cols + 2];
    for (int r = 0; r < rows; r += 37) {
      m.copyRow(r, row, 2);
      for (int k = 0; k < cols; k++) {
        assertEquals(bits[r * cols + k] << 16, Float.floatToRawIntBits(m.get(r, k)));
        assertEquals(bits[r * cols + k] << 16, Float.floatToRawIntBits(row[2 + k]));
      }
    }
    assertThrows(IndexOutOfBoundsException.class, () -> m.get(rows, 0));
    assertThrows(IllegalArgumentException.class, () -> new Bf16Matrix(2, 3, new short[5]));
  }
}
