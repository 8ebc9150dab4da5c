package dev.tritium.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.models.kernel.Bf16Kernels;
import dev.tritium.models.kernel.Bf16MatVecKernel;
import dev.tritium.models.kernel.Bf16Matrix;
import dev.tritium.models.kernel.ParallelLoop;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector kernel gives exactly the scalar kernel's bits ({@code Float.floatToRawIntBits}), on random and
 * adversarial inputs, for tile sizes that are and are not multiples of the vector length; and the comparison used
 * here does catch a kernel that evaluates in another order (fused multiply-add).
 */
class VectorBf16KernelChecks {

  private static final Bf16MatVecKernel VECTOR = new VectorBf16Kernel();
  private static final Bf16MatVecKernel SCALAR = Bf16Kernels.scalar();

  /** The packed layout of Bf16Matrix (documented on Bf16MatVecKernel) for any tileRows. */
  static int[] pack(short[] bits, int rows, int cols, int tileRows) {
    int tiles = (rows + tileRows - 1) / tileRows;
    int pairs = (cols + 1) / 2;
    int[] packed = new int[tiles * pairs * tileRows];
    for (int row = 0; row < rows; row++) {
      for (int p = 0; p < pairs; p++) {
        int k = 2 * p;
        int lo = k + 1 < cols ? bits[row * cols + k + 1] & 0xffff : 0;
        packed[((row / tileRows) * pairs + p) * tileRows + row % tileRows] = (bits[row * cols + k] << 16) | lo;
      }
    }
    return packed;
  }

  /**
   * Runs both kernels over all tiles (in two ranges, as two threads would) and names the first differing row.
   * Rows compare by {@code Float.floatToRawIntBits}, except that a NaN equals any NaN: Java leaves the sign and
   * payload of a NaN produced by arithmetic unspecified (on x86 an invalid operation gives the negative default
   * NaN, and an add of two NaNs returns the operand that the JIT happened to put first, which C2 may swap), so no
   * kernel can promise NaN bits. Whether a row is NaN is compared, and every other value to the last bit.
   */
  static Optional<String> firstMismatch(Bf16MatVecKernel expected, Bf16MatVecKernel actual, short[] bits, int rows,
      int cols, int tileRows, float[] x) {
    int[] packed = pack(bits, rows, cols, tileRows);
    int tiles = (rows + tileRows - 1) / tileRows;
    float[] want = new float[rows];
    float[] got = new float[rows];
    expected.matVecTiles(packed, rows, cols, tileRows, x, want, 0, tiles);
    actual.matVecTiles(packed, rows, cols, tileRows, x, got, 0, tiles / 2);
    actual.matVecTiles(packed, rows, cols, tileRows, x, got, tiles / 2, tiles);
    for (int r = 0; r < rows; r++) {
      boolean bothNaN = Float.isNaN(want[r]) && Float.isNaN(got[r]);
      if (!bothNaN && Float.floatToRawIntBits(want[r]) != Float.floatToRawIntBits(got[r])) {
        return Optional.of(rows + "x" + cols + " tileRows " + tileRows + ", row " + r + ": expected "
            + Integer.toHexString(Float.floatToRawIntBits(want[r])) + ", got "
            + Integer.toHexString(Float.floatToRawIntBits(got[r])));
      }
    }
    return Optional.empty();
  }

  /** bf16 values over a wide exponent range (products and sums round, some overflow or are subnormal). */
  static short[] randomBits(int n, SplittableRandom rnd) {
    short[] bits = new short[n];
    for (int i = 0; i < n; i++) {
      int exponent = 60 + rnd.nextInt(140);
      bits[i] = (short) ((rnd.nextInt(2) << 15) | (exponent << 7) | rnd.nextInt(128));
    }
    return bits;
  }

  static float[] randomX(int n, SplittableRandom rnd) {
    float[] x = new float[n];
    for (int k = 0; k < n; k++) {
      x[k] = (float) (rnd.nextGaussian() * Math.pow(2, rnd.nextInt(40) - 20));
    }
    return x;
  }

  /** bf16 bit patterns that stress rounding and special cases. */
  private static final short[] SPECIAL_BF16 = {
      0x0000, (short) 0x8000,                 // +0, -0
      0x7f80, (short) 0xff80,                 // +inf, -inf
      0x7fc0, (short) 0xffc1, 0x7f81, 0x7fa5, // quiet and signalling NaNs, several payloads
      0x0001, (short) 0x8001, 0x007f, 0x0040, // subnormals
      0x0080, (short) 0x8080,                 // smallest normals
      0x7f7f, (short) 0xff7f, 0x7f7e,         // largest finite (products and sums overflow)
      0x3f80, (short) 0xbf80, 0x3380, 0x3400  // 1, -1, 2^-24, 2^-23 (ties to even)
  };

  private static final float[] SPECIAL_X = {
      0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7fc12345),
      Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f, 0x1p-24f,
      3f, 0x1p100f, 0x1p-100f
  };

  @Test
  void equalsTheScalarKernelBitForBitOnRandomMatrices() {
    SplittableRandom rnd = new SplittableRandom(2024);
    int lanes = VectorBf16Kernel.lanes();
    int[][] shapes = {{1, 1}, {1, 2}, {3, 3}, {17, 5}, {33, 64}, {100, 37}, {1023, 9}, {1025, 12}, {2100, 19},
        {300, 2560}};
    int[] tileSizes = {1, 7, lanes, lanes + 3, 2 * lanes + 8, 3 * lanes - 1, 1024};
    for (int[] shape : shapes) {
      int rows = shape[0];
      int cols = shape[1];
      short[] bits = randomBits(rows * cols, rnd);
      float[] x = randomX(cols, rnd);
      for (int tileRows : tileSizes) {
        Optional<String> mismatch = firstMismatch(SCALAR, VECTOR, bits, rows, cols, tileRows, x);
        assertTrue(mismatch.isEmpty(), () -> mismatch.get());
      }
    }
  }

  /**
   * How many of the scalar kernel's rows are NaN, infinite, -0 or subnormal (the adversarial tests reach them). A
   * -0 row cannot occur (the sum starts at +0 and +0 + -0 = +0); -0 weights and activations still are inputs.
   */
  static int[] specialResults(short[] bits, int rows, int cols, float[] x) {
    int[] packed = pack(bits, rows, cols, 1024);
    float[] out = new float[rows];
    SCALAR.matVecTiles(packed, rows, cols, 1024, x, out, 0, (rows + 1023) / 1024);
    int[] counts = new int[4];
    for (float v : out) {
      counts[0] += Float.isNaN(v) ? 1 : 0;
      counts[1] += Float.isInfinite(v) ? 1 : 0;
      counts[2] += Float.floatToRawIntBits(v) == 0x80000000 ? 1 : 0;
      counts[3] += v != 0 && Math.abs(v) < Float.MIN_NORMAL ? 1 : 0;
    }
    return counts;
  }

  @Test
  void equalsTheScalarKernelBitForBitOnAdversarialValues() {
    int[] seen = new int[4];
    SplittableRandom rnd = new SplittableRandom(99);
    int lanes = VectorBf16Kernel.lanes();
    for (int[] shape : new int[][] {{37, 7}, {200, 31}, {64, 128}, {1100, 6}}) {
      int rows = shape[0];
      int cols = shape[1];
      for (int trial = 0; trial < 8; trial++) {
        short[] bits = randomBits(rows * cols, rnd);
        for (int i = 0; i < bits.length; i++) {
          if (rnd.nextInt(3) == 0) {
            bits[i] = SPECIAL_BF16[rnd.nextInt(SPECIAL_BF16.length)];
          }
        }
        float[] x = randomX(cols, rnd);
        for (int k = 0; k < cols; k++) {
          if (rnd.nextInt(4) == 0) {
            x[k] = SPECIAL_X[rnd.nextInt(SPECIAL_X.length)];
          }
        }
        for (int tileRows : new int[] {lanes, lanes + 5, 1024}) {
          Optional<String> mismatch = firstMismatch(SCALAR, VECTOR, bits, rows, cols, tileRows, x);
          assertTrue(mismatch.isEmpty(), () -> mismatch.get());
        }
        int[] counts = specialResults(bits, rows, cols, x);
        for (int i = 0; i < 4; i++) {
          seen[i] += counts[i];
        }
      }
    }
    assertTrue(seen[0] > 0 && seen[1] > 0, () -> "NaN and infinite rows: " + seen[0] + ", " + seen[1]);
  }

  @Test
  void everyRowOfSpecialValuesMatches() {
    // All pairs of special weights times all special activations, one row per (w0, w1, x0, x1): NaN payloads,
    // infinities of both signs meeting, -0 sums and overflow all appear in the accumulators.
    int cols = 4;
    int n = SPECIAL_BF16.length;
    int rows = n * n;
    short[] bits = new short[rows * cols];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        int row = a * n + b;
        bits[row * cols] = SPECIAL_BF16[a];
        bits[row * cols + 1] = SPECIAL_BF16[b];
        bits[row * cols + 2] = SPECIAL_BF16[b];
        bits[row * cols + 3] = SPECIAL_BF16[(a + b) % n];
      }
    }
    int[] seen = new int[4];
    for (float x0 : SPECIAL_X) {
      for (float x1 : SPECIAL_X) {
        float[] x = {x0, x1, x1, x0};
        int[] counts = specialResults(bits, rows, cols, x);
        for (int i = 0; i < 4; i++) {
          seen[i] += counts[i];
        }
        for (int tileRows : new int[] {VectorBf16Kernel.lanes(), 1024}) {
          Optional<String> mismatch = firstMismatch(SCALAR, VECTOR, bits, rows, cols, tileRows, x);
          assertTrue(mismatch.isEmpty(), () -> "x = " + x0 + ", " + x1 + ": " + mismatch.get());
        }
      }
    }
    assertTrue(seen[0] > 0 && seen[1] > 0 && seen[3] > 0,
        () -> "NaN, infinite, -0 and subnormal rows: " + java.util.Arrays.toString(seen));
  }

  @Test
  void bf16MatrixWithTheVectorKernelKeepsTheSequentialOrderForAnyThreadCount() {
    SplittableRandom rnd = new SplittableRandom(11);
    int[][] shapes = {{1, 1}, {2, 3}, {17, 2}, {33, 5}, {1024, 4}, {1500, 37}, {2100, 64}, {1300, 19}, {300, 9}};
    try (ParallelLoop serial = ParallelLoop.serial(); ParallelLoop three = new ParallelLoop(3)) {
      for (int[] shape : shapes) {
        int rows = shape[0];
        int cols = shape[1];
        short[] bits = randomBits(rows * cols, rnd);
        float[] x = randomX(cols, rnd);
        Bf16Matrix m = new Bf16Matrix(rows, cols, bits);
        for (ParallelLoop loop : new ParallelLoop[] {serial, three}) {
          float[] out = new float[rows];
          m.matVec(x, out, loop, VECTOR);
          for (int r = 0; r < rows; r++) {
            float s = 0f;
            for (int k = 0; k < cols; k++) {
              s += Bf16Matrix.toFloat(bits[r * cols + k]) * x[k];
            }
            int row = r;
            assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(out[r]),
                () -> rows + "x" + cols + " with " + loop.threads() + " threads, row " + row);
          }
        }
      }
    }
  }

  /** The scalar order with fused multiply-adds: one rounding per term instead of two. */
  private static final class FusedKernel implements Bf16MatVecKernel {
    @Override
    public String description() {
      return "fused (wrong on purpose)";
    }

    @Override
    public void matVecTiles(int[] packed, int rows, int cols, int tileRows, float[] x, float[] out, int fromTile,
        int toTile) {
      int pairs = (cols + 1) / 2;
      for (int tile = fromTile; tile < toTile; tile++) {
        for (int r = 0; r < tileRows && tile * tileRows + r < rows; r++) {
          float s = 0f;
          for (int p = 0; p < pairs; p++) {
            int v = packed[(tile * pairs + p) * tileRows + r];
            s = Math.fma(Float.intBitsToFloat(v & 0xffff0000), x[2 * p], s);
            if (2 * p + 1 < cols) {
              s = Math.fma(Float.intBitsToFloat(v << 16), x[2 * p + 1], s);
            }
          }
          out[tile * tileRows + r] = s;
        }
      }
    }
  }

  @Test
  void theComparisonCatchesAKernelWithAnotherRoundingOrder() {
    SplittableRandom rnd = new SplittableRandom(5);
    short[] bits = randomBits(300 * 37, rnd);
    float[] x = randomX(37, rnd);
    Bf16MatVecKernel fused = new FusedKernel();
    Optional<String> againstScalar = firstMismatch(SCALAR, fused, bits, 300, 37, VectorBf16Kernel.lanes(), x);
    Optional<String> againstVector = firstMismatch(VECTOR, fused, bits, 300, 37, VectorBf16Kernel.lanes(), x);
    assertTrue(againstScalar.isPresent(), "a fused multiply-add kernel went unnoticed against the scalar kernel");
    assertTrue(againstVector.isPresent(), "a fused multiply-add kernel went unnoticed against the vector kernel");
  }

  @Test
  void rangesOutsideTheArraysAreRefusedBeforeAnyVectorLoad() {
    // 40 rows in tiles of 16 (3 tiles), 6 columns (3 pairs): 3 x 3 x 16 packed ints
    int[] packed = new int[3 * 3 * 16];
    float[] x = new float[6];
    float[] out = new float[40];
    VECTOR.matVecTiles(packed, 40, 6, 16, x, out, 0, 3);
    org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
        () -> VECTOR.matVecTiles(new int[3 * 3 * 16 - 1], 40, 6, 16, x, out, 0, 3));
    org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
        () -> VECTOR.matVecTiles(packed, 40, 6, 16, new float[5], out, 0, 3));
    org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
        () -> VECTOR.matVecTiles(packed, 40, 6, 16, x, new float[39], 0, 3));
    org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
        () -> VECTOR.matVecTiles(packed, 40, 6, 16, x, out, 2, 4));
  }
}
