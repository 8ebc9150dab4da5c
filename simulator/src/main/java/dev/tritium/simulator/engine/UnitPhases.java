package dev.tritium.simulator.engine;

import dev.tritium.simulator.stats.OverlapCounter;
import java.util.ArrayList;
import java.util.List;

/**
 * The busy / wait-data timeline of one unit while it has instructions in flight. A DMA engine with
 * several channels has overlapping transfers, so a cycle is busy when any in-flight transfer is busy
 * in it and wait_data when transfers are in flight but none is busy: each cycle counts once.
 * {@link #sweepTo} turns the reported intervals into counts (and busy segments for the queue-overlap
 * counter) up to a cycle no later interval can precede; only future intervals are held.
 */
final class UnitPhases {

  private final int queue;
  private final OverlapCounter overlap;
  private final List<long[]> busyIntervals = new ArrayList<>();
  private final List<long[]> activeIntervals = new ArrayList<>();
  private long swept;
  long busyCycles;
  long waitDataCycles;

  UnitPhases(int queue, OverlapCounter overlap) {
    this.queue = queue;
    this.overlap = overlap;
  }

  /** An instruction occupies the unit during [start, end). */
  void active(long start, long end) {
    if (end > start) {
      activeIntervals.add(new long[] {start, end});
    }
  }

  /** The unit does work during [start, end) (within an active interval). */
  void busy(long start, long end) {
    if (end > start) {
      busyIntervals.add(new long[] {start, end});
    }
  }

  /** Accounts [swept, upTo). Cycles outside every active interval are left to the caller. */
  void sweepTo(long upTo) {
    while (swept < upTo) {
      long change = upTo;
      boolean isBusy = false;
      boolean isActive = false;
      for (long[] r : busyIntervals) {
        if (r[0] <= swept && swept < r[1]) {
          isBusy = true;
          change = Math.min(change, r[1]);
        } else if (r[0] > swept) {
          change = Math.min(change, r[0]);
        }
      }
      for (long[] r : activeIntervals) {
        if (r[0] <= swept && swept < r[1]) {
          isActive = true;
          change = Math.min(change, r[1]);
        } else if (r[0] > swept) {
          change = Math.min(change, r[0]);
        }
      }
      long dt = change - swept;
      if (isBusy) {
        busyCycles += dt;
        overlap.busy(queue, swept, change);
      } else if (isActive) {
        waitDataCycles += dt;
      }
      swept = change;
    }
    dropEnded(busyIntervals);
    dropEnded(activeIntervals);
  }

  private void dropEnded(List<long[]> intervals) {
    int kept = 0;
    for (int i = 0; i < intervals.size(); i++) {
      long[] r = intervals.get(i);
      if (r[1] > swept) {
        intervals.set(kept++, r);
      }
    }
    intervals.subList(kept, intervals.size()).clear();
  }
}
