package dev.tritium.models.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.nn.BitNetModel;
import dev.tritium.models.nn.TinyModels;
import dev.tritium.models.synth.SyntheticWeights;

import org.junit.jupiter.api.Test;

class ReferenceBenchmarkTest {

  @Test
  void decodeBreakdownDerivesRatesAndTheMemoryFloorByHand() {
    // 400 MB of ternary weights in 40 ms = 10 GB/s; 500 MB of LM head in 50 ms = 10 GB/s;
    // 900 MB at 9 GB/s = 100 ms; 100 - 40 - 50 = 10 ms for the rest; 900 MB in the 100 ms token = 9 GB/s.
    ReferenceBenchmark.DecodeBreakdown d = new ReferenceBenchmark.DecodeBreakdown(100, 40, 50, 400_000_000L,
        500_000_000L, 9.0);
    assertEquals(10.0, d.otherMs(), 1e-12);
    assertEquals(10.0, d.ternaryGemvGBps(), 1e-12);
    assertEquals(10.0, d.lmHeadGBps(), 1e-12);
    assertEquals(100.0, d.weightStreamFloorMs(d.bandwidthGBps()), 1e-12);
    assertEquals(9.0, d.tokenWeightGBps(), 1e-12);
  }

  @Test
  void decodeRunsTimeEachRunsTokensAndTakeTheMedianOfTheirMeans() {
    try (ParallelLoop loop = new ParallelLoop(2)) {
      BitNetModel m = new BitNetModel(SyntheticWeights.generate(TinyModels.relu2SubNorms(), 3, 0.31, loop));
      ReferenceBenchmark.DecodeRuns r = ReferenceBenchmark.decodeRuns(m, 5, 3, loop);
      assertEquals(5, r.tokens());
      assertEquals(3, r.meanMs().length);
      for (double ms : r.meanMs()) {
        assertTrue(ms > 0 && Double.isFinite(ms), "mean " + ms);
      }
      double[] sorted = r.meanMs().clone();
      java.util.Arrays.sort(sorted);
      assertEquals(sorted[1], r.medianMs(), 0.0);
      assertThrows(IllegalArgumentException.class, () -> ReferenceBenchmark.decodeRuns(m, 0, 3, loop));
      assertThrows(IllegalArgumentException.class, () -> ReferenceBenchmark.decodeRuns(m, 5, 0, loop));
    }
  }
}
