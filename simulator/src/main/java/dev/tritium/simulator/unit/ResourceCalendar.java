package dev.tritium.simulator.unit;

import java.util.ArrayList;
import java.util.List;

/**
 * Reservations of one shared resource (the DRAM channel's data bus, an SRAM buffer's ports) on the
 * simulated timeline. A request for {@code length} cycles at or after {@code earliest} gets the first
 * gap that fits (first fit), so a later request may slot in before an earlier, longer one.
 *
 * <p>Memory stays flat: the engine's time only moves forward, so {@link #releaseBefore(long)} drops
 * every reservation that has ended; only the few reservations overlapping "now" or the future remain.
 */
public final class ResourceCalendar {

  /** Reservations as [start, end) pairs, sorted by start, non-overlapping; ended ones at the front. */
  private final List<long[]> reservations = new ArrayList<>();
  private int first;

  /** Earliest start >= earliest at which [start, start + length) overlaps no reservation. */
  public long firstFit(long earliest, long length) {
    long start = earliest;
    if (length <= 0) {
      return start;
    }
    for (int i = first; i < reservations.size(); i++) {
      long[] r = reservations.get(i);
      if (r[1] <= start) {
        continue;
      }
      if (r[0] >= start + length) {
        break;
      }
      start = r[1];
    }
    return start;
  }

  /** Reserves [start, start + length); the caller obtained start from {@link #firstFit}. */
  public void reserve(long start, long length) {
    if (length <= 0) {
      return;
    }
    int i = reservations.size();
    while (i > first && reservations.get(i - 1)[0] > start) {
      i--;
    }
    reservations.add(i, new long[] {start, start + length});
  }

  /** Drops reservations that end at or before {@code now}; they can no longer conflict. */
  public void releaseBefore(long now) {
    while (first < reservations.size() && reservations.get(first)[1] <= now) {
      first++;
    }
    if (first > 32 && first * 2 > reservations.size()) {
      reservations.subList(0, first).clear();
      first = 0;
    }
  }

  /** Number of live reservations (for tests of the flat-memory property). */
  public int liveReservations() {
    return reservations.size() - first;
  }
}
