package dev.tritium.models.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.models.nn.BitLinear;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.TernaryWeights;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TritPackedWeightsTest {

  private static int[] scalarAccumulate(TritPackedWeights w, QuantizedActivations x, ParallelLoop loop) {
    PackedActivations in = new PackedActivations(x);
    int[] acc = new int[x.tokens() * w.rows()];
    w.accumulate(in.tritTables(TernaryKernels.scalarTritKernel()), acc, loop, TernaryKernels.scalarTritKernel());
    return acc;
  }

  @Property(tries = 60)
  void tableLookupsEqualTheReferenceAccumulators(@ForAll @IntRange(min = 1, max = 300) int rows,
      @ForAll @IntRange(min = 1, max = 200) int cols, @ForAll @IntRange(min = 1, max = 3) int tokens,
      @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    TernaryWeights w = TernaryGemvTest.randomWeights(rows, cols, rnd);
    QuantizedActivations x = TernaryGemvTest.randomActivations(tokens, cols, rnd);
    try (ParallelLoop loop = new ParallelLoop(2)) {
      assertArrayEquals(BitLinear.accumulate(w, x), scalarAccumulate(TritPackedWeights.pack(w), x, loop));
    }
  }

  @Property(tries = 40)
  void packingKeepsEveryWeightAndTheCounts(@ForAll @IntRange(min = 1, max = 300) int rows,
      @ForAll @IntRange(min = 1, max = 100) int cols, @ForAll long seed) {
    TernaryWeights w = TernaryGemvTest.randomWeights(rows, cols, new SplittableRandom(seed));
    TritPackedWeights p = TritPackedWeights.pack(w);
    assertArrayEquals(w.values(), p.unpack().values());
    MaskPackedWeights m = MaskPackedWeights.pack(w);
    assertEquals(m.plusCount(), p.plusCount());
    assertEquals(m.minusCount(), p.minusCount());
    assertEquals(w.scale(), p.scale());
    try (ParallelLoop loop = new ParallelLoop(2)) {
      TritPackedWeights fromMasks = TritPackedWeights.fromMasks(m, loop);
      assertArrayEquals(p.data(), fromMasks.data(), "repacking the masks gives the same shorts as packing the values");
      assertEquals(p.plusCount(), fromMasks.plusCount());
    }
  }

  @Test
  void extremeActivationsAndFullRowsAreExact() {
    int k = 6912;
    byte[] w = new byte[3 * k];
    for (int c = 0; c < k; c++) {
      w[c] = 1;
      w[k + c] = -1;
      w[2 * k + c] = (byte) (c % 2 == 0 ? 1 : -1);
    }
    byte[] x = new byte[k];
    java.util.Arrays.fill(x, (byte) -128);
    QuantizedActivations q = new QuantizedActivations(x, 1, k, new float[] {1f});
    TernaryWeights tw = new TernaryWeights(w, 3, k, 1f);
    try (ParallelLoop loop = ParallelLoop.serial()) {
      int[] acc = scalarAccumulate(TritPackedWeights.pack(tw), q, loop);
      assertArrayEquals(new int[] {-128 * k, 128 * k, 0}, acc);
      assertArrayEquals(BitLinear.accumulate(tw, q), acc);
    }
  }

  @Test
  void oneChangedWeightChangesItsRowAndOnlyThatRow() {
    SplittableRandom rnd = new SplittableRandom(5);
    TernaryWeights w = TernaryGemvTest.randomWeights(130, 40, rnd);
    QuantizedActivations x = TernaryGemvTest.randomActivations(1, 40, rnd);
    byte[] v = w.values().clone();
    int row = 129;
    int col = 31;
    v[row * 40 + col] = (byte) (v[row * 40 + col] == 1 ? -1 : 1);
    if (x.values()[col] == 0) {
      x.values()[col] = 5;
    }
    try (ParallelLoop loop = ParallelLoop.serial()) {
      int[] a = scalarAccumulate(TritPackedWeights.pack(w), x, loop);
      int[] b = scalarAccumulate(TritPackedWeights.pack(new TernaryWeights(v, 130, 40, 1f)), x, loop);
      for (int r = 0; r < 130; r++) {
        if (r == row) {
          assertNotEquals(a[r], b[r]);
        } else {
          assertEquals(a[r], b[r], "row " + r);
        }
      }
    }
  }

  @Test
  void tablesHoldTheDotProductOfEachDigitTriple() {
    byte[] x = {-128, 127, 5, 9};
    short[] t = TritTables.of(x, 0, 4);
    assertEquals(3 * TritTables.GROUP_ENTRIES, t.length, "one word of 9 features: three groups");
    for (int i = 0; i < 27; i++) {
      int d0 = i % 3 - 1;
      int d1 = i / 3 % 3 - 1;
      int d2 = i / 9 - 1;
      assertEquals(d0 * -128 + d1 * 127 + d2 * 5, t[i], "group 0 entry " + i);
      assertEquals(d0 * 9, t[TritTables.GROUP_ENTRIES + i], "group 1: features past K are zero");
    }
    for (int i = 27; i < 32; i++) {
      assertEquals(0, t[i]);
    }
  }

  @Test
  void wrongTableOrAccumulatorLengthsAreRefusedBeforeTheKernelRuns() {
    TritPackedWeights p = TritPackedWeights.pack(TernaryGemvTest.randomWeights(10, 20, new SplittableRandom(1)));
    try (ParallelLoop loop = ParallelLoop.serial()) {
      assertThrows(IllegalArgumentException.class,
          () -> p.accumulate(new short[][] {new short[32]}, new int[10], loop, TernaryKernels.scalarTritKernel()));
      assertThrows(IllegalArgumentException.class,
          () -> p.accumulate(new short[][] {TritTables.of(new byte[20], 0, 20)}, new int[9], loop,
              TernaryKernels.scalarTritKernel()));
    }
  }

  @Test
  void theSelectionRuleFallsBackToTheMaskLayoutWithoutTheVectorModule() {
    TernaryKernels.Selection off = TernaryKernels.select("off", true);
    assertFalse(off.tritKernel().isPresent());
    assertTrue(off.reason().contains("off"), off.reason());
    TernaryKernels.Selection noModule = TernaryKernels.select(null, false);
    assertFalse(noModule.tritKernel().isPresent());
    assertTrue(noModule.reason().contains("jdk.incubator.vector"), noModule.reason());
    // This JVM has no incubator module, so the engine packs masks for the popcount kernel.
    assertTrue(TernaryKernels.pack(TernaryGemvTest.randomWeights(3, 3, new SplittableRandom(2)))
        instanceof MaskPackedWeights);
  }

  @Test
  void storageIsSixteenBitsPerNineWeightsPerPaddedRow() {
    assertEquals(2L * 2560 * 285, TritPackedWeights.storageBytes(2560, 2560));
    assertEquals(2L * 128 * 1, TritPackedWeights.storageBytes(1, 9));
    assertThrows(IllegalArgumentException.class, () -> TritPackedWeights.storageBytes(0, 9));
  }
}
