package dev.tritium.models.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.models.format.BitPlanes.Convention;
import org.junit.jupiter.api.Test;

/** The bit-plane view, the ABQ binary-product identity, and the fast Walsh-Hadamard transform. */
class BitPlanesAndHadamardTest {

  @Test
  void bitPlanesGiveBackEveryCodeInBothConventions() {
    for (int bits = 2; bits <= 8; bits++) {
      int[] unsigned = new int[1 << bits];
      int[] signed = new int[1 << bits];
      for (int i = 0; i < unsigned.length; i++) {
        unsigned[i] = i;
        signed[i] = i - (1 << (bits - 1));
      }
      assertArrayEquals(unsigned, BitPlanes.join(BitPlanes.split(unsigned, bits, Convention.OFFSET), Convention.OFFSET));
      assertArrayEquals(signed,
          BitPlanes.join(BitPlanes.split(signed, bits, Convention.TWOS_COMPLEMENT), Convention.TWOS_COMPLEMENT));
    }
    // -3 in 3-bit two's complement is 101: planes [1, 0, 1], value 1 + 0 - 4 = -3
    byte[][] p = BitPlanes.split(new int[] {-3}, 3, Convention.TWOS_COMPLEMENT);
    assertEquals(1, p[0][0]);
    assertEquals(0, p[1][0]);
    assertEquals(1, p[2][0]);
    assertEquals(-4, BitPlanes.planeWeight(2, 3, Convention.TWOS_COMPLEMENT));
    assertEquals(4, BitPlanes.planeWeight(2, 3, Convention.OFFSET));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BitPlanes.split(new int[] {0, 4}, 2, Convention.OFFSET));
    assertEquals("code 4 at index 1 is outside the 2-bit offset range 0 .. 3", e.getMessage());
  }

  @Test
  void groupedWeightsEqualTheirBitPlaneView() {
    // 8 x 40 Gaussian weights in groups of 16 (the last group 8 wide): 3-bit asymmetric (unsigned codes minus a
    // per-group zero-point) and 4-bit symmetric (two's complement); the planes give back q - z everywhere
    float[] w = LatentWeights.gaussian(8, 40, 0.02f, 41);
    IntGrid.Codes asym = IntGrid.quantize(w, 8, 40, 16, 3, false);
    int[] joined = BitPlanes.join(BitPlanes.split(asym.codes(), 3, Convention.OFFSET), Convention.OFFSET);
    IntGrid.Codes sym = IntGrid.quantize(w, 8, 40, 16, 4, true);
    int[] joinedSym = BitPlanes.join(BitPlanes.split(sym.codes(), 4, Convention.TWOS_COMPLEMENT),
        Convention.TWOS_COMPLEMENT);
    int nonZeroZeroPoints = 0;
    for (int r = 0; r < 8; r++) {
      for (int c = 0; c < 40; c++) {
        int z = asym.groupOf(r, c).zero();
        nonZeroZeroPoints += z != 0 ? 1 : 0;
        assertEquals(asym.value(r, c), joined[r * 40 + c] - z);
        assertEquals(sym.value(r, c), joinedSym[r * 40 + c]);
      }
    }
    assertTrue(nonZeroZeroPoints > 0);
    assertEquals(8 * 3, asym.groups().length);
  }

  @Test
  void abqBinaryProductsEqualThePlainIntegerProductExactly() {
    // K = 200 is not a multiple of the 64-column words; every (P, Q) pair from 2 to 8 bits
    int n = 7;
    int k = 200;
    float[] w = LatentWeights.gaussian(n, k, 0.02f, 31);
    float[] x = LatentWeights.gaussian(3, k, 1f, 32);
    for (int p = 2; p <= 8; p++) {
      for (int q = 2; q <= 8; q++) {
        AbqLlm.Weights m = new AbqLlm(p, q).quantize(w, n, k);
        IntGrid.Codes xa = m.quantizeActivations(x, 3);
        assertArrayEquals(m.accumulatePlain(xa), m.accumulate(xa), "w" + p + "a" + q);
      }
    }
  }

  @Test
  void fastTransformEqualsTheSylvesterMatrix() {
    // H_8[i][j] = (-1)^popcount(i & j); integer inputs keep fp32 exact
    float[] x = {3f, -1f, 4f, 1f, -5f, 9f, 2f, -6f};
    float[] expected = new float[8];
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        expected[i] += (Integer.bitCount(i & j) % 2 == 0 ? 1 : -1) * x[j];
      }
    }
    float[] v = x.clone();
    Hadamard.fwht(v, 0, 8);
    assertArrayEquals(expected, v);
    // H H = n I
    Hadamard.fwht(v, 0, 8);
    for (int i = 0; i < 8; i++) {
      assertEquals(8 * x[i], v[i]);
    }
    assertEquals(8 * 3, Hadamard.adds(8));
    assertEquals(4096L * 12, Hadamard.adds(4096));
  }

  @Test
  void otherSizesUseTheBlockDiagonalTransformAndOddSizesAreRefused() {
    // 12 = 3 x 4: three independent 4-point transforms; 12 x log2 4 = 24 additions
    float[] v = {1f, 2f, 3f, 4f, 0f, 0f, 0f, 1f, 1f, 1f, 1f, 1f};
    Hadamard.fwht(v, 0, 12);
    assertArrayEquals(new float[] {10f, -2f, -4f, 0f, 1f, -1f, -1f, 1f, 4f, 0f, 0f, 0f}, v);
    assertEquals(4, Hadamard.block(12));
    assertEquals(24, Hadamard.adds(12));
    assertEquals(2048, Hadamard.block(14336));
    assertEquals(256, Hadamard.block(11008));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Quip().quantize(new float[14], 2, 7));
    assertTrue(e.getMessage().startsWith("Hadamard rotation of the input (K) of a 2 x 7 quip-w2 matrix: size 7 is odd"),
        e.getMessage());
  }

  @Test
  void randomSignsAreSeeded() {
    byte[] a = Hadamard.randomSigns(64, 5);
    assertArrayEquals(a, Hadamard.randomSigns(64, 5));
    int plus = 0;
    for (byte s : a) {
      assertTrue(s == 1 || s == -1);
      plus += s > 0 ? 1 : 0;
    }
    assertTrue(plus > 16 && plus < 48, "balanced signs: " + plus);
  }
}
