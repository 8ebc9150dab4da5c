package dev.tritium.cli.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The C bandwidth probe builds with gcc, runs, checks its own sum and reports one figure per run, interleaved with
 * the Java probe's passes.
 */
class StreamProbeTest {

  @Test
  void interleavedProbesGiveBothMedians() {
    try (dev.tritium.models.kernel.ParallelLoop loop = new dev.tritium.models.kernel.ParallelLoop(1)) {
      StreamProbe.Pair p = StreamProbe.measureInterleaved(16L << 20, 3, loop);
      assertTrue(Double.isFinite(p.javaGBps()) && p.javaGBps() > 0, "java " + p.javaGBps());
      assertTrue(p.c().medianGBps().isPresent(), "C probe unavailable: " + p.c().how());
      assertTrue(p.c().how().endsWith("interleaved in blocks"), p.c().how());
      assertTrue(p.c().medianGBps().get() > 0);
    }
  }

  @Test
  void onePassGivesOneCProbeRunPerCall() {
    try (dev.tritium.models.kernel.ParallelLoop loop = new dev.tritium.models.kernel.ParallelLoop(1);
        StreamProbe.OnePass probe = StreamProbe.onePass(16L << 20, loop)) {
      for (int i = 0; i < 2; i++) {
        double gbps = probe.getAsDouble();
        assertTrue(Double.isFinite(gbps) && gbps > 0, "run " + i + ": " + gbps);
      }
      assertTrue(probe.how().equals("C probe, one run"), probe.how());
    }
  }
}
