package dev.tritium.simulator.unit.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed host roofline (HostUnit Javadoc):
 * macs = m n k; dram_bytes = n k weight_bits / 8 + 4 m (k + n);
 * compute_us = macs / (cores x clock_mhz x macs_per_cycle_per_core); memory_us = dram_bytes / (GBps x 1000);
 * total_us = max(compute_us, memory_us) + handoff_us; cyclesAt(f) = ceil(total_us x f).
 */
class HostUnitTest {

  /** 4 cores x 1000 MHz x 4 MACs per cycle = 16,000 MACs per us; 4 GB/s = 4,000 bytes per us; 50 us hand-off. */
  private static HostUnit host(int weightBits) {
    return new HostUnit(new HostConfig(4, 1000, 4, weightBits, 4.0, 50, List.of(HostOp.LM_HEAD)));
  }

  @Test
  void decodeGemvIsMemoryBound() {
    // m=1, n=1000, k=500: 500,000 MACs -> 500,000 / 16,000 = 31.25 us.
    // bytes: 1000 x 500 x 16 / 8 = 1,000,000 weights + 4 x 1 x (500 + 1000) = 6,000 -> 1,006,000 -> 251.5 us.
    HostTiming t = host(16).gemm(1, 1000, 500);
    assertEquals(500_000, t.macs());
    assertEquals(1_006_000, t.dramBytes());
    assertEquals(31.25, t.computeUs(), 1e-9);
    assertEquals(251.5, t.memoryUs(), 1e-9);
    assertEquals(50, t.handoffUs(), 1e-12);
    assertEquals(251.5 + 50, t.totalUs(), 1e-9);
    assertEquals("memory-bound", t.bound());
    // 301.5 us at 250 MHz = 75,375 cycles exactly; at 333 MHz 100,399.5 -> rounded up to 100,400.
    assertEquals(75_375, t.cyclesAt(250));
    assertEquals(100_400, t.cyclesAt(333));
  }

  @Test
  void prefillGemmIsComputeBoundAndWeightsAreReadOnce() {
    // m=64: 32,000,000 MACs -> 2,000 us; bytes 1,000,000 + 4 x 64 x 1,500 = 1,384,000 -> 346 us.
    HostTiming t = host(16).gemm(64, 1000, 500);
    assertEquals(32_000_000, t.macs());
    assertEquals(1_384_000, t.dramBytes());
    assertEquals(2000, t.computeUs(), 1e-9);
    assertEquals(346, t.memoryUs(), 1e-9);
    assertEquals(2050, t.totalUs(), 1e-9);
    assertEquals("compute-bound", t.bound());
    assertEquals(512_500, t.cyclesAt(250));
  }

  @Test
  void weightBitsScaleTheWeightBytes() {
    // 4-bit weights: 1000 x 500 x 4 / 8 = 250,000 + 6,000 = 256,000 bytes -> 64 us; total 64 + 50.
    HostTiming t = host(4).gemm(1, 1000, 500);
    assertEquals(256_000, t.dramBytes());
    assertEquals(64, t.memoryUs(), 1e-9);
    assertEquals(114, t.totalUs(), 1e-9);
  }

  @Test
  void configSaysWhichOperatorsRunOnTheHost() {
    assertTrue(host(16).config().runs(HostOp.LM_HEAD));
    assertFalse(new HostConfig(4, 1000, 4, 16, 4.0, 50, null).runs(HostOp.LM_HEAD));
  }
}
