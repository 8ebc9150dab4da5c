package dev.tritium.cli.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class LinearScaleTest {

  @Test
  void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertEquals(1, LinearScale.niceStep(1), 0);
    assertEquals(2, LinearScale.niceStep(1.2), 0);
    assertEquals(5, LinearScale.niceStep(2.5), 0);
    assertEquals(10, LinearScale.niceStep(7), 0);
    assertEquals(0.5, LinearScale.niceStep(0.3), 1e-15);
    assertEquals(0.02, LinearScale.niceStep(0.013), 1e-15);
    assertEquals(200_000, LinearScale.niceStep(123_456), 0);
  }

  @Test
  void domainWidensToWholeStepsAndTicksAreExact() {
    // 0..97 in about 5 intervals: rough step 19.4 -> 20, domain 0..100.
    LinearScale s = LinearScale.nice(0, 97, 5, 0, 500);
    assertEquals(0, s.domainMin(), 0);
    assertEquals(100, s.domainMax(), 0);
    assertEquals(20, s.step(), 0);
    assertEquals(List.of(0.0, 20.0, 40.0, 60.0, 80.0, 100.0), s.ticks());
    assertEquals(List.of("0", "20", "40", "60", "80", "100"), s.ticks().stream().map(s::tickLabel).toList());
  }

  @Test
  void decimalTicksCarryNoFloatNoise() {
    LinearScale s = LinearScale.nice(0.12, 0.47, 4, 0, 1);
    // rough (0.35 / 4) = 0.0875 -> 0.1; domain 0.1..0.5.
    assertEquals(List.of(0.1, 0.2, 0.3, 0.4, 0.5), s.ticks());
    assertEquals("0.3", s.tickLabel(s.ticks().get(2)));
  }

  @Test
  void mapsLinearlyOntoAReversedRange() {
    // A y axis: domain minimum at the bottom pixel (400), maximum at the top (40).
    LinearScale s = LinearScale.nice(0, 10, 5, 400, 40);
    assertEquals(400, s.map(0), 1e-12);
    assertEquals(40, s.map(10), 1e-12);
    assertEquals(220, s.map(5), 1e-12);
    assertEquals(328, s.map(2), 1e-12);
  }

  @Test
  void aSingleValueSitsMidAxis() {
    LinearScale s = LinearScale.nice(50, 50, 4, 0, 100);
    assertTrue(s.domainMin() < 50 && s.domainMax() > 50);
    assertEquals(50, s.map(50), 1e-9);
    LinearScale zero = LinearScale.nice(0, 0, 4, 0, 100);
    assertEquals(50, zero.map(0), 1e-9);
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> LinearScale.nice(2, 1, 5, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> LinearScale.nice(0, Double.NaN, 5, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> LinearScale.nice(0, 1, 0, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> LinearScale.niceStep(0));
  }

  @Property(tries = 300, seed = "20261123")
  void ticksCoverTheDataEvenlyInsideTheDomain(@ForAll @DoubleRange(min = -1e6, max = 1e6) @Scale(6) double a,
      @ForAll @DoubleRange(min = 1e-3, max = 1e6) @Scale(6) double width, @ForAll @IntRange(min = 1, max = 10) int target) {
    LinearScale s = LinearScale.nice(a, a + width, target, 0, 1000);
    assertTrue(s.domainMin() <= a && s.domainMax() >= a + width, "domain covers the data");
    List<Double> t = s.ticks();
    assertEquals(s.domainMin(), t.get(0), s.step() * 1e-6);
    assertEquals(s.domainMax(), t.get(t.size() - 1), s.step() * 1e-6);
    assertTrue(t.size() >= 2 && t.size() <= 2 * target + 2, "tick count " + t.size() + " for target " + target);
    for (int i = 1; i < t.size(); i++) {
      assertEquals(s.step(), t.get(i) - t.get(i - 1), s.step() * 1e-6);
      assertTrue(s.map(t.get(i)) > s.map(t.get(i - 1)), "map is increasing");
    }
  }
}
