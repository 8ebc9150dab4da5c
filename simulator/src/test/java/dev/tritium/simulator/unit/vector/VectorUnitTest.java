package dev.tritium.simulator.unit.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.simulator.unit.vector.VectorUnit;
import org.junit.jupiter.api.Test;

class VectorUnitTest {

  @Test
  void cyclesAreLaneBeatsTimesPassesPlusLatency() {
    VectorUnit v = new VectorUnit(16, 4, 1);
    // 3 x 100 = 300 elements = 19 beats of 16 lanes; 2 passes (e.g. RMSNorm) + 4.
    assertEquals(42, v.cycles(3, 100, 2));
    assertEquals(23, v.cycles(3, 100, 1));
    // initiation interval 2 doubles the beat cost, not the latency.
    assertEquals(19 * 3 * 2 + 4, new VectorUnit(16, 4, 2).cycles(3, 100, 3));
  }
}
