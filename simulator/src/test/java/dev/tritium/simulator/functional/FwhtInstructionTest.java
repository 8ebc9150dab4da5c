package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.simulator.unit.sram.OperandStreams;
import dev.tritium.simulator.unit.sram.SramBuffer;
import dev.tritium.simulator.unit.vector.VectorUnit;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * VEC.FWHT on hand-computed 4-, 6- and 8-point transforms, and on seeded 2560- and 6912-element rows against this
 * test's own code of the butterfly order (bit for bit) and an O(n^2) Sylvester matrix product in double.
 */
class FwhtInstructionTest extends VecFixture {

  private void fwht(int rows, int len, int src, int dst) {
    model.execute(new Vec(NO_DEPS, VecOp.FWHT, dst, src, 0, rows, len, 0), s, c);
  }

  @Test
  void handComputedFourSixAndEightPointTransforms() {
    // H_4 (Sylvester) rows: ++++, +-+-, ++--, +--+ ; [1 2 3 4] -> [10, -2, -4, 0]
    vec(0, 1f, 2f, 3f, 4f);
    fwht(1, 4, 0, 0);
    assertArrayEquals(new float[] {10f, -2f, -4f, 0f}, vec(0, 4));
    // 8 points, x_i = i + 1: y_j = sum_i (-1)^popcount(i & j) x_i; y_1 = odd-minus-even = -4, y_2 = -8, y_4 = -16
    vec(0, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f);
    fwht(1, 8, 0, 64);
    assertArrayEquals(new float[] {36f, -4f, -8f, 0f, -16f, 0f, 0f, 0f}, vec(64, 8));
    assertArrayEquals(new float[] {1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f}, vec(0, 8), "src is left as it was");
    // len 6 = 3 x 2: b = 2, three independent 2-point transforms; two rows in place
    vec(0, 1f, 2f, 3f, 4f, 5f, 6f, -1f, -2f, -3f, -4f, -5f, -6f);
    fwht(2, 6, 0, 0);
    assertArrayEquals(new float[] {3f, -1f, 7f, -1f, 11f, -1f, -3f, 1f, -7f, 1f, -11f, 1f}, vec(0, 12));
  }

  @Test
  void theButterflyOrderIsVisibleInFp32() {
    // stage h = 1: 1e8 + 1 and 1e8 - 1 both round to 1e8 (spacing 8), -1e8 + 1 and -1e8 - 1 to -1e8; stage h = 2
    // then gives [0, 0, 2e8, 2e8], where the exact transform is [2, -2, 2e8, 2e8].
    vec(0, 1e8f, 1f, -1e8f, 1f);
    fwht(1, 4, 0, 0);
    assertArrayEquals(new float[] {0f, 0f, 2e8f, 2e8f}, vec(0, 4));
  }

  @Test
  void seededRowsMatchTheFastOrderBitForBitAndTheMatrixProduct() {
    for (int len : new int[] {2560, 6912}) {
      float[] x = seeded(2 * len, 7 + len);
      vec(0, x);
      fwht(2, len, 0, 0);
      float[] got = vec(0, 2 * len);
      for (int r = 0; r < 2; r++) {
        float[] row = Arrays.copyOfRange(x, r * len, (r + 1) * len);
        float[] fast = row.clone();
        butterflies(fast, 1);
        double[] exact = sylvesterProduct(row);
        for (int j = 0; j < len; j++) {
          assertEquals(Float.floatToRawIntBits(fast[j]), Float.floatToRawIntBits(got[r * len + j]),
              "len " + len + " row " + r + " element " + j);
          // fp32 error bound of log2 b rounded stages over |x| <= 4: far below one unit of the values' spread
          assertEquals(exact[j], got[r * len + j], 1e-2, "len " + len + " element " + j);
        }
      }
    }
  }

  @Test
  void anotherStageOrderOrOneChangedInputIsCaught() {
    int len = 2560;
    float[] x = seeded(len, 99);
    vec(0, x);
    fwht(1, len, 0, 0);
    float[] got = vec(0, len);
    float[] reversed = x.clone();
    butterflies(reversed, -1);
    assertFalse(Arrays.equals(reversed, got), "the stages in reverse order give other fp32 sums");
    float[] changed = x.clone();
    changed[1234] = Math.nextUp(changed[1234]) + 0.5f;
    butterflies(changed, 1);
    assertFalse(Arrays.equals(changed, got), "one changed input changes the transform");
  }

  @Test
  void countsLenLog2bAddsPerRowAndRefusesAnOddLen() {
    fwht(3, 2560, 0, 0);
    // 2560 = 5 x 512: log2 b = 9
    assertEquals(3L * 2560 * 9, c.snapshot().fp32Ops(Fp32Op.ADD));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fwht(1, 27, 0, 0));
    assertTrue(e.getMessage().contains("VEC.FWHT") && e.getMessage().contains("len must be even and positive, got 27"),
        e.getMessage());
  }

  @Test
  void mulByPlusOrMinusOneIsExactlyASignFlip() {
    // why the rotation formats' sign flips D x need no op of their own: VEC.MUL by +1 / -1 equals negation bit for
    // bit on zeros, subnormals, extremes, infinities and 2^16 seeded bit patterns (NaNs left out: only their sign
    // bit could differ)
    SplittableRandom rnd = new SplittableRandom(5);
    int n = 4096;
    float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
        -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f};
    for (int round = 0; round < 16; round++) {
      float[] x = new float[n];
      float[] d = new float[n];
      for (int i = 0; i < n; i++) {
        float f = i < special.length ? special[i] : Float.intBitsToFloat(rnd.nextInt());
        x[i] = Float.isNaN(f) ? 1.5f : f;
        d[i] = rnd.nextBoolean() ? 1f : -1f;
      }
      vec(0, x);
      vec(4 * n, d);
      model.execute(new Vec(NO_DEPS, VecOp.MUL, 8 * n, 0, 4 * n, 1, n, 0), s, c);
      float[] y = vec(8 * n, n);
      for (int i = 0; i < n; i++) {
        float flipped = d[i] > 0 ? x[i] : -x[i];
        assertEquals(Float.floatToRawIntBits(flipped), Float.floatToRawIntBits(y[i]), "element " + i);
      }
    }
  }

  @Test
  void takesLog2bPassesOnTheLanes() {
    // 4 lanes, II 1, latency 3; 2 rows of 12 = 3 x 4: b = 4, 2 stages of ceil(24 / 4) = 6 issues each
    VectorUnit v = new VectorUnit(4, 3, 1);
    SramBuffer[] sram = new SramBuffer[Buffer.values().length];
    for (Buffer b : Buffer.values()) {
      sram[b.ordinal()] = new SramBuffer(b.name(), 1 << 16, 1, 2, 64);
    }
    OperandStreams streams = new OperandStreams(sram);
    assertEquals(2 * 6 + 3, v.occupancy(new Vec(NO_DEPS, VecOp.FWHT, 0, 0, 0, 2, 12, 0), streams));
    // the row is read once per stage and written once
    assertEquals(2 * 4 * 2 * 12, streams.bytesRead(Buffer.VEC));
    assertEquals(4 * 2 * 12, streams.bytesWritten(Buffer.VEC));
  }

  private static float[] seeded(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (rnd.nextDouble() * 8 - 4);
    }
    return x;
  }

  /** The butterfly order of isa/README.md, stages ascending (dir 1) or, to show the order matters, descending. */
  private static void butterflies(float[] v, int dir) {
    int b = v.length & -v.length;
    for (int o = 0; o < v.length; o += b) {
      for (int h = dir > 0 ? 1 : b / 2; dir > 0 ? h < b : h >= 1; h = dir > 0 ? h * 2 : h / 2) {
        for (int i = 0; i < b; i += 2 * h) {
          for (int j = o + i; j < o + i + h; j++) {
            float a = v[j];
            float d = v[j + h];
            v[j] = a + d;
            v[j + h] = a - d;
          }
        }
      }
    }
  }

  /** (I_m (x) H_b) x in double, entry by entry: H_b[i][j] = (-1)^popcount(i &amp; j) within a slice, 0 across. */
  private static double[] sylvesterProduct(float[] x) {
    int n = x.length;
    int b = n & -n;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < n; j++) {
        if (i / b == j / b) {
          sum += (Integer.bitCount(i % b & j % b) % 2 == 0 ? 1 : -1) * (double) x[j];
        }
      }
      y[i] = sum;
    }
    return y;
  }
}
