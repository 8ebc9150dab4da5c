package dev.tritium.cli.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The C bandwidth probe builds with gcc, runs, checks its own sum and reports one figure per run. */
class StreamProbeTest {

  @Test
  void buildsRunsAndReportsAMedian() {
    StreamProbe.Result r = StreamProbe.measure(16L << 20, 3, 1);
    assertTrue(r.medianGBps().isPresent(), "C probe unavailable: " + r.how());
    double gbps = r.medianGBps().get();
    assertTrue(Double.isFinite(gbps) && gbps > 0, "median " + gbps);
  }
}
