package dev.tritium.models.packing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class WeightPackingPropertiesTest {

  static byte[] randomTernary(int rows, int cols, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] v = new byte[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (byte) (rnd.nextInt(3) - 1);
    }
    return v;
  }

  @Property(tries = 300)
  void everyPackingRoundTripsAwkwardShapes(
      @ForAll @IntRange(min = 1, max = 7) int rows,
      @ForAll @IntRange(min = 1, max = 67) int cols,
      @ForAll long seed) {
    byte[] ternary = randomTernary(rows, cols, seed);
    for (WeightPacking p : WeightPackings.all()) {
      byte[] values = p.binaryOnly() ? binary(ternary) : ternary;
      byte[] packed = p.encode(values, rows, cols);
      assertEquals(p.packedBytes(rows, cols), packed.length, p.name() + " packedBytes");
      assertArrayEquals(values, p.decode(packed, rows, cols), p.name() + " round trip " + rows + "x" + cols);
    }
  }

  @Property(tries = 100)
  void packedSizeIsTheNominalBitsPerWeightPlusRowPaddingOnly(
      @ForAll @IntRange(min = 1, max = 7) int rows,
      @ForAll @IntRange(min = 1, max = 67) int cols) {
    for (WeightPacking p : WeightPackings.all()) {
      long bits = p.packedBytes(rows, cols) * 8;
      double nominal = p.bitsPerWeight() * rows * cols;
      // Padding per row is below one group (at most 8 weights' worth) plus at most two partial bytes.
      double maxPadding = rows * (8 * p.bitsPerWeight() + 16);
      org.junit.jupiter.api.Assertions.assertTrue(bits >= nominal - 1e-9 && bits <= nominal + maxPadding,
          p.name() + " " + rows + "x" + cols + ": " + bits + " bits vs nominal " + nominal);
    }
  }

  @Property(tries = 100)
  void groupIndicesReadBackTheirWeights(
      @ForAll @IntRange(min = 1, max = 5) int rows,
      @ForAll @IntRange(min = 1, max = 40) int cols,
      @ForAll long seed) {
    byte[] values = randomTernary(rows, cols, seed);
    for (TernaryGroupPacking p : new TernaryGroupPacking[] {
        WeightPackings.TWO_BIT, WeightPackings.BASE3, WeightPackings.LUT_G2, WeightPackings.LUT_G3, WeightPackings.LUT_G4}) {
      byte[] packed = p.encode(values, rows, cols);
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < p.groupsPerRow(cols); j++) {
          byte[] group = TernaryGroups.weights(p.readIndex(packed, cols, r, j), p.groupSize(), p.order());
          for (int i = 0; i < p.groupSize() && j * p.groupSize() + i < cols; i++) {
            assertEquals(values[r * cols + j * p.groupSize() + i], group[i], p.name() + " row " + r + " group " + j);
          }
        }
      }
    }
    MirrorSignPacking m = WeightPackings.MIRROR_G3;
    byte[] packed = m.encode(values, rows, cols);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < m.groupsPerRow(cols); j++) {
        int index = TernaryGroups.fromMirror(m.readNegative(packed, cols, r, j), m.readMagnitude(packed, cols, r, j), 3);
        byte[] group = TernaryGroups.weights(index, 3, DigitOrder.FIRST_MOST_SIGNIFICANT);
        for (int i = 0; i < 3 && j * 3 + i < cols; i++) {
          assertEquals(values[r * cols + j * 3 + i], group[i], "mirror row " + r + " group " + j);
        }
      }
    }
    BitPlanePacking b = WeightPackings.BIT_PLANES;
    byte[] planes = b.encode(values, rows, cols);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int code = b.readPlaneBits(planes, cols, 0, r, c, 1) | b.readPlaneBits(planes, cols, 1, r, c, 1) << 1;
        assertEquals(values[r * cols + c], code - 1, "planes row " + r + " col " + c);
      }
    }
  }

  /** Zeros become +1: a binary matrix from the same draw. */
  private static byte[] binary(byte[] ternary) {
    byte[] b = ternary.clone();
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 0) {
        b[i] = 1;
      }
    }
    return b;
  }
}
