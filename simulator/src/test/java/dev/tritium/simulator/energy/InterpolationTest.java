package dev.tritium.simulator.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.NavigableMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class InterpolationTest {

  @Test
  void handComputedPoints() {
    NavigableMap<Long, Double> adds = Interpolation.points(Map.of(8L, 0.03, 32L, 0.1));
    assertEquals(0.065, Interpolation.LINEAR.at(adds, 20, 1).value(), 1e-15);
    assertEquals(0.03 - 0.07 / 24 * 4, Interpolation.LINEAR.at(adds, 4, 1).value(), 1e-15);
    NavigableMap<Long, Double> sram = Interpolation.points(Map.of(8192L, 10.0, 32768L, 20.0, 1048576L, 100.0));
    assertEquals(10 * Math.sqrt(2), Interpolation.LOG_LOG.at(sram, 16384, 0.5).value(), 1e-12);
    assertEquals(100 * Math.pow(2, Math.log(5) / Math.log(32)), Interpolation.LOG_LOG.at(sram, 2097152, 0.5).value(),
        1e-9);
    assertEquals(0.2 * 4, Interpolation.LOG_LOG.at(Interpolation.points(Map.of(8L, 0.2)), 16, 2).value(), 1e-15);
  }

  @Property(tries = 300, seed = "42")
  void betweenTwoPointsTheValueLiesBetweenThem(@ForAll @LongRange(min = 1, max = 1000) long x0,
      @ForAll @LongRange(min = 1, max = 1000) long span, @ForAll @DoubleRange(min = 0.01, max = 100) double y0,
      @ForAll @DoubleRange(min = 0.01, max = 100) double y1, @ForAll @DoubleRange(min = 0, max = 1) double t) {
    long x1 = x0 + span;
    NavigableMap<Long, Double> pts = Interpolation.points(Map.of(x0, y0, x1, y1));
    double x = x0 + t * span;
    for (Interpolation i : Interpolation.values()) {
      double v = i.at(pts, x, 1).value();
      assertTrue(v >= Math.min(y0, y1) * (1 - 1e-12) && v <= Math.max(y0, y1) * (1 + 1e-12), i + " gave " + v);
      assertEquals(y0, i.at(pts, x0, 1).value(), 0);
      assertEquals(y1, i.at(pts, x1, 1).value(), 0);
    }
  }
}
