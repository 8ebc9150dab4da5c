package dev.tritium.cli.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogScaleTest {

  @Test
  void coversWholeDecadesWithATickEach() {
    LogScale s = LogScale.decades(3, 4000, 0, 400);
    assertEquals(0, s.minDecade());
    assertEquals(4, s.maxDecade());
    assertEquals(List.of(1.0, 10.0, 100.0, 1000.0, 10000.0), s.ticks());
    assertEquals(List.of("1", "10", "100", "1k", "10k"), s.ticks().stream().map(s::tickLabel).toList());
  }

  @Test
  void mapsDecadesEvenly() {
    LogScale s = LogScale.decades(1, 1e4, 0, 400);
    assertEquals(0, s.map(1), 1e-9);
    assertEquals(200, s.map(100), 1e-9);
    assertEquals(400, s.map(1e4), 1e-9);
    // log10(2) of a decade (100 px) above 10.
    assertEquals(100 + 100 * Math.log10(2), s.map(20), 1e-9);
  }

  @Test
  void aValueOnADecadeStillGetsOneDecade() {
    LogScale s = LogScale.decades(100, 100, 0, 1);
    assertEquals(2, s.minDecade());
    assertEquals(3, s.maxDecade());
  }

  @Test
  void manyDecadesThinTheLabels() {
    LogScale s = LogScale.decades(1e-3, 1e15, 0, 1);
    // 18 decades, at most 9 labels: every second decade.
    assertEquals(10, s.ticks().size());
    assertEquals(1e-3, s.ticks().get(0), 1e-18);
    assertEquals(1e-1, s.ticks().get(1), 1e-16);
  }

  @Test
  void refusesNonPositiveValues() {
    LogScale s = LogScale.decades(1, 10, 0, 1);
    assertFalse(s.accepts(0));
    assertFalse(s.accepts(-1));
    assertThrows(IllegalArgumentException.class, () -> s.map(0));
    assertThrows(IllegalArgumentException.class, () -> LogScale.decades(0, 10, 0, 1));
  }

  @Test
  void minorGridLinesOnlyForNarrowLogAxes() {
    assertEquals(8, Axes.minorTicks(LogScale.decades(1, 10, 0, 1)).size());
    assertEquals(List.of(2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0), Axes.minorTicks(LogScale.decades(1, 10, 0, 1)));
    assertEquals(0, Axes.minorTicks(LogScale.decades(1, 1e9, 0, 1)).size());
    assertEquals(0, Axes.minorTicks(LinearScale.nice(0, 1, 5, 0, 1)).size());
  }
}
