package dev.tritium.dse.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.dse.sweep.Workload;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingEvaluatorTest {

  @Test
  void evaluatesEachDistinctInputOnceAndNamesDoNotMatter() {
    AtomicInteger calls = new AtomicInteger();
    CachingEvaluator c = new CachingEvaluator((arch, unit, w) -> {
      calls.incrementAndGet();
      return new WorkloadResult(arch.macArray().rows() * 10L + (unit == ComputeUnit.LUT ? 1 : 0), 1.0);
    });
    ArchConfig a = ArchConfigs.preset("edge-fpga-mac");
    Workload w = Workload.decode("m", 8);
    WorkloadResult r1 = c.evaluate(a.withName("p1"), ComputeUnit.MAC, w);
    WorkloadResult r2 = c.evaluate(a.withName("p2"), ComputeUnit.MAC, w);
    assertSame(r1, r2);
    assertEquals(320, r1.latencyCycles());
    assertEquals(321, c.evaluate(a, ComputeUnit.LUT, w).latencyCycles());
    assertEquals(320, c.evaluate(a, ComputeUnit.MAC, Workload.decode("m", 9)).latencyCycles());
    assertEquals(3, calls.get());
    assertEquals(3, c.size());
  }

  @Test
  void aFailureIsCachedAndRethrownWithItsMessage() {
    AtomicInteger calls = new AtomicInteger();
    CachingEvaluator c = new CachingEvaluator((arch, unit, w) -> {
      calls.incrementAndGet();
      throw new IllegalArgumentException("does not fit");
    });
    ArchConfig a = ArchConfigs.preset("edge-fpga-mac");
    for (int i = 0; i < 2; i++) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> c.evaluate(a, ComputeUnit.MAC, Workload.decode("m", 1)));
      assertEquals("does not fit", e.getMessage());
    }
    assertEquals(1, calls.get());
  }
}
