package dev.tritium.simulator.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.simulator.unit.ResourceCalendar;
import org.junit.jupiter.api.Test;

class ResourceCalendarTest {

  @Test
  void firstFitFindsGapsAndSkipsShortOnes() {
    ResourceCalendar c = new ResourceCalendar();
    c.reserve(10, 5); // [10, 15)
    c.reserve(20, 5); // [20, 25)
    assertEquals(0, c.firstFit(0, 10));
    // [0,11) hits [10,15); [15,26) hits [20,25); so after 25.
    assertEquals(25, c.firstFit(0, 11));
  }

  @Test
  void gapTooShortMovesPastNextReservation() {
    ResourceCalendar c = new ResourceCalendar();
    c.reserve(10, 5);
    c.reserve(20, 5);
    assertEquals(25, c.firstFit(12, 6)); // gap [15,20) is 5 long: too short
    assertEquals(15, c.firstFit(12, 5)); // exactly fits
    c.reserve(15, 5);
    assertEquals(25, c.firstFit(0, 11));
  }

  @Test
  void releasingEndedReservationsKeepsTheCalendarShort() {
    ResourceCalendar c = new ResourceCalendar();
    for (int i = 0; i < 1000; i++) {
      long s = c.firstFit(i * 10L, 5);
      c.reserve(s, 5);
      c.releaseBefore(i * 10L);
    }
    assertEquals(1, c.liveReservations());
  }
}
