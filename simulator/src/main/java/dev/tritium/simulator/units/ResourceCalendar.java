package dev.tritium.simulator.units;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Reservations of one shared resource (the DRAM channel's data bus, an SRAM buffer's ports) on the
 * simulated timeline. A request for {@code length} cycles at or after {@code earliest} gets the first
 * gap that fits (first fit), so a later request may slot in before an earlier, longer one.
 *
 * <p>Memory stays flat: the engine's time only moves forward, so {@link #releaseBefore(long)} drops
 * every reservation that has ended; only the few reservations overlapping "now" or the future remain.
 */
public final class ResourceCalendar {

  /** Reservations as [start, end) pairs, sorted by start, non-overlapping. */
  private final ArrayDeque<long[]> reservations = new ArrayDeque<>();

  /** Earliest start >= earliest at which [start, start + length) overlaps no reservation. */
  public long firstFit(long earliest, long length) {
    long start = earliest;
    if (length <= 0) {
      return start;
    }
    for (long[] r : reservations) {
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
    long end = start + length;
    if (reservations.isEmpty() || reservations.peekLast()[0] <= start) {
      reservations.addLast(new long[] {start, end});
      return;
    }
    // Rare: a reservation that fits into an earlier gap. Rebuild in order (the deque is short).
    ArrayDeque<long[]> merged = new ArrayDeque<>(reservations.size() + 1);
    boolean placed = false;
    for (long[] r : reservations) {
      if (!placed && start < r[0]) {
        merged.addLast(new long[] {start, end});
        placed = true;
      }
      merged.addLast(r);
    }
    if (!placed) {
      merged.addLast(new long[] {start, end});
    }
    reservations.clear();
    reservations.addAll(merged);
  }

  /** Drops reservations that end at or before {@code now}; they can no longer conflict. */
  public void releaseBefore(long now) {
    Iterator<long[]> it = reservations.iterator();
    while (it.hasNext()) {
      if (it.next()[1] <= now) {
        it.remove();
      } else {
        return;
      }
    }
  }

  /** Number of live reservations (for tests of the flat-memory property). */
  public int liveReservations() {
    return reservations.size();
  }
}
