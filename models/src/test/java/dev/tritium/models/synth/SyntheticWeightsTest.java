package dev.tritium.models.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tritium.models.kernel.Bf16Matrix;
import dev.tritium.models.kernel.MaskPackedWeights;
import dev.tritium.models.kernel.ParallelLoop;
import org.junit.jupiter.api.Test;

class SyntheticWeightsTest {

  @Test
  void deterministicPerSeedAndIndependentOfThreads() {
    try (ParallelLoop three = new ParallelLoop(3)) {
      MaskPackedWeights a = SyntheticWeights.ternary(700, 300, 0.31, 42, 7, ParallelLoop.serial());
      MaskPackedWeights b = SyntheticWeights.ternary(700, 300, 0.31, 42, 7, three);
      assertArrayEquals(a.unpack().values(), b.unpack().values());
      MaskPackedWeights c = SyntheticWeights.ternary(700, 300, 0.31, 43, 7, three);
      assertFalse(java.util.Arrays.equals(a.unpack().values(), c.unpack().values()));
      Bf16Matrix e1 = SyntheticWeights.gaussianBf16(600, 30, 0f, 0.02f, 42, 1, ParallelLoop.serial());
      Bf16Matrix e2 = SyntheticWeights.gaussianBf16(600, 30, 0f, 0.02f, 42, 1, three);
      for (int r = 0; r < 600; r += 37) {
        assertEquals(e1.get(r, r % 30), e2.get(r, r % 30));
      }
    }
  }

  @Test
  void statisticsAreRealistic() {
    MaskPackedWeights w = SyntheticWeights.ternary(1024, 1000, 0.31, 1, 1, ParallelLoop.serial());
    double n = 1024.0 * 1000;
    double zero = w.zeroCount() / n;
    // effective zero fraction round(0.31 * 256) / 256 = 79/256; binomial sigma ~ 0.0005
    assertEquals(79 / 256.0, zero, 0.003);
    assertEquals(w.plusCount() / n, w.minusCount() / n, 0.004);
    assertEquals((float) Math.sqrt((1 - 79 / 256.0) * 1000), w.scale());
    Bf16Matrix e = SyntheticWeights.gaussianBf16(1000, 100, 0f, 0.02f, 3, 1, ParallelLoop.serial());
    double sum = 0;
    double sq = 0;
    for (int r = 0; r < 1000; r++) {
      for (int k = 0; k < 100; k++) {
        double v = e.get(r, k);
        sum += v;
        sq += v * v;
      }
    }
    assertEquals(0, sum / 1e5, 2e-4);
    assertEquals(0.02, Math.sqrt(sq / 1e5), 5e-4);
  }

  @Test
  void extremeZeroFractions() {
    assertEquals(1024L * 64, SyntheticWeights.ternary(1024, 64, 1.0, 1, 1, ParallelLoop.serial()).zeroCount());
    assertEquals(0L, SyntheticWeights.ternary(1024, 64, 0.0, 1, 1, ParallelLoop.serial()).zeroCount());
    assertThrows(IllegalArgumentException.class, () -> SyntheticWeights.ternary(4, 4, 1.5, 1, 1, ParallelLoop.serial()));
  }
}
