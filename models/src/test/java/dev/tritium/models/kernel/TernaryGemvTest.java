package dev.tritium.models.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tritium.models.nn.BitLinear;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.TernaryWeights;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TernaryGemvTest {

  static TernaryWeights randomWeights(int rows, int cols, SplittableRandom rnd) {
    byte[] v = new byte[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (byte) (rnd.nextInt(3) - 1);
    }
    return new TernaryWeights(v, rows, cols, 1.5f);
  }

  /** Full int8 range including -128, which the kernel must handle exactly. */
  static QuantizedActivations randomActivations(int tokens, int cols, SplittableRandom rnd) {
    byte[] x = new byte[tokens * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = (byte) (rnd.nextInt(256) - 128);
    }
    float[] s = new float[tokens];
    java.util.Arrays.fill(s, 1f);
    return new QuantizedActivations(x, tokens, cols, s);
  }

  @Property(tries = 60)
  void kernelEqualsReferenceAccumulators(@ForAll @IntRange(min = 1, max = 300) int rows,
      @ForAll @IntRange(min = 1, max = 200) int cols, @ForAll @IntRange(min = 1, max = 3) int tokens,
      @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    TernaryWeights w = randomWeights(rows, cols, rnd);
    QuantizedActivations x = randomActivations(tokens, cols, rnd);
    try (ParallelLoop loop = new ParallelLoop(2)) {
      assertArrayEquals(BitLinear.accumulate(w, x), TernaryGemv.accumulate(MaskPackedWeights.pack(w), x, loop));
    }
  }

  @Test
  void extremeValuesAreExact() {
    int k = 257;
    byte[] ones = new byte[k];
    byte[] minusOnes = new byte[k];
    java.util.Arrays.fill(ones, (byte) 1);
    java.util.Arrays.fill(minusOnes, (byte) -1);
    byte[] w = new byte[2 * k];
    System.arraycopy(ones, 0, w, 0, k);
    System.arraycopy(minusOnes, 0, w, k, k);
    byte[] x = new byte[k];
    java.util.Arrays.fill(x, (byte) -128);
    QuantizedActivations xa = new QuantizedActivations(x, 1, k, new float[] {1f});
    int[] acc = TernaryGemv.accumulate(MaskPackedWeights.pack(new TernaryWeights(w, 2, k, 1f)), xa, ParallelLoop.serial());
    assertArrayEquals(new int[] {-128 * k, 128 * k}, acc);
  }

  @Test
  void resultDoesNotDependOnThreadCount() {
    SplittableRandom rnd = new SplittableRandom(7);
    TernaryWeights w = randomWeights(1100, 90, rnd);
    QuantizedActivations x = randomActivations(2, 90, rnd);
    MaskPackedWeights p = MaskPackedWeights.pack(w);
    try (ParallelLoop one = new ParallelLoop(1); ParallelLoop three = new ParallelLoop(3)) {
      assertArrayEquals(TernaryGemv.accumulate(p, x, one), TernaryGemv.accumulate(p, x, three));
    }
  }

  @Test
  void flippingOneWeightChangesTheResult() {
    SplittableRandom rnd = new SplittableRandom(8);
    TernaryWeights w = randomWeights(5, 40, rnd);
    QuantizedActivations x = randomActivations(1, 40, rnd);
    byte[] v = w.values().clone();
    v[3 * 40 + 33] = (byte) (v[3 * 40 + 33] == 1 ? -1 : 1);
    x.values()[33] = 5;
    int[] a = TernaryGemv.accumulate(MaskPackedWeights.pack(w), x, ParallelLoop.serial());
    int[] b = TernaryGemv.accumulate(MaskPackedWeights.pack(new TernaryWeights(v, 5, 40, 1.5f)), x, ParallelLoop.serial());
    assertNotEquals(a[3], b[3]);
    assertEquals(a[2], b[2]);
  }

  @Property(tries = 40)
  void packUnpackRoundTrips(@ForAll @IntRange(min = 1, max = 260) int rows, @ForAll @IntRange(min = 1, max = 99) int cols,
      @ForAll long seed) {
    TernaryWeights w = randomWeights(rows, cols, new SplittableRandom(seed));
    MaskPackedWeights p = MaskPackedWeights.pack(w);
    assertArrayEquals(w.values(), p.unpack().values());
    long plus = 0;
    long minus = 0;
    for (byte b : w.values()) {
      plus += b == 1 ? 1 : 0;
      minus += b == -1 ? 1 : 0;
    }
    assertEquals(plus, p.plusCount());
    assertEquals(minus, p.minusCount());
  }

  @Test
  void tileRowsAndStorage() {
    assertEquals(640, MaskPackedWeights.tileRowsFor(2560)); // 4 tiles
    assertEquals(576, MaskPackedWeights.tileRowsFor(6912)); // 12 tiles
    assertEquals(320, MaskPackedWeights.tileRowsFor(640)); // 2 tiles
    assertEquals(768, MaskPackedWeights.tileRowsFor(1536)); // 2 tiles
    assertEquals(480, MaskPackedWeights.tileRowsFor(8640)); // 18 tiles
    assertEquals(64, MaskPackedWeights.tileRowsFor(100)); // 100 pads to 128 = 2 tiles of 64
    assertEquals(32, MaskPackedWeights.tileRowsFor(20)); // one tile, odd count unavoidable
    assertEquals(96, MaskPackedWeights.tileRowsFor(96)); // no even split: the largest tile
    assertEquals(2560L * 2560 / 4, MaskPackedWeights.storageBytes(2560, 2560));
    // 100 rows pad to 128, 33 columns pad to two 32-weight words: 2 bits per padded weight.
    assertEquals(128L * 64 / 4, MaskPackedWeights.storageBytes(100, 33));
  }

  @Test
  void fromMasksRejectsNonZeroPaddingAndOverlaps() {
    int[][] plus = new int[1][32];
    int[][] minus = new int[1][32];
    plus[0][0] = 1 << 5;
    IllegalArgumentException pad = assertThrows(IllegalArgumentException.class,
        () -> MaskPackedWeights.fromMasks(1, 5, 1f, plus, minus));
    assertEquals("row 0, word 0: padding must hold weight 0", pad.getMessage());
    plus[0][0] = 0;
    plus[0][1] = 1;
    assertThrows(IllegalArgumentException.class, () -> MaskPackedWeights.fromMasks(1, 5, 1f, plus, minus));
    plus[0][1] = 0;
    plus[0][0] = 1;
    minus[0][0] = 1;
    assertThrows(IllegalArgumentException.class, () -> MaskPackedWeights.fromMasks(1, 5, 1f, plus, minus));
    minus[0][0] = 0;
    assertEquals(1, MaskPackedWeights.fromMasks(1, 5, 1f, plus, minus).get(0, 0));
  }

  @Test
  void bf16MatVecUsesTheStatedOrder() {
    // Row 0 = [1, 2^-9, 2^-9]: sequential fp32 sums 1 + 2^-9 (exact) + 2^-9 (exact) = 1 + 2^-8.
    float[] vals = {1f, 0x1p-9f, 0x1p-9f, 3f, -1f, 0.5f};
    short[] bits = new short[vals.length];
    for (int i = 0; i < vals.length; i++) {
      bits[i] = Bf16Matrix.toBf16(vals[i]);
    }
    Bf16Matrix m = new Bf16Matrix(2, 3, bits);
    float[] out = new float[2];
    m.matVec(new float[] {1f, 1f, 1f}, out, ParallelLoop.serial());
    assertEquals(1f + 0x1p-8f, out[0]);
    assertEquals(2.5f, out[1]);
    assertEquals((short) 0x3f80, Bf16Matrix.toBf16(1f));
    // 1 + 2^-8 is a tie between bf16 1.0 and 1 + 2^-7: even mantissa wins.
    assertEquals((short) 0x3f80, Bf16Matrix.toBf16(1f + 0x1p-8f));
  }
}
