package dev.tritium.models.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
