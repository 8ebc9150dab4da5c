package dev.tritium.cli.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TickFormatTest {

  @Test
  void siPrefixesAboveAThousand() {
    assertEquals("1k", TickFormat.si(1000));
    assertEquals("1.5k", TickFormat.si(1500));
    assertEquals("512G", TickFormat.si(5.12e11));
    assertEquals("19.2", TickFormat.si(19.2));
    assertEquals("-2M", TickFormat.si(-2e6));
    // 999,950 rounds to 1000k at three digits: printed as the next prefix.
    assertEquals("1M", TickFormat.si(999_950));
  }

  @Test
  void smallValues() {
    assertEquals("0", TickFormat.si(0));
    assertEquals("0.05", TickFormat.si(0.05));
    assertEquals("0.00123", TickFormat.si(0.001234));
    assertEquals("2e-06", TickFormat.si(2e-6));
  }

  @Test
  void linearTicksUseTheStepsDecimals() {
    assertEquals("0.3", TickFormat.linear(0.30000000000000004, 0.1));
    assertEquals("0.25", TickFormat.linear(0.25, 0.05));
    assertEquals("40", TickFormat.linear(40, 20));
    assertEquals("0", TickFormat.linear(-0.0000001, 1));
    assertEquals("0.0", TickFormat.linear(-0.0000001, 0.5));
    assertEquals("20k", TickFormat.linear(20_000, 5_000));
  }
}
