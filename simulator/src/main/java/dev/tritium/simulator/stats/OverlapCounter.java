package dev.tritium.simulator.stats;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts cycles per combination of busy queues without per-cycle arrays: each queue reports its busy
 * intervals in time order, and {@link #sweepTo(long)} walks the interval end points up to a time no
 * later interval can precede. Only intervals not yet swept are held.
 */
public final class OverlapCounter {

  private final List<ArrayDeque<long[]>> pending = new ArrayList<>();
  private final long[] byMask;
  private long swept;

  public OverlapCounter(int queues) {
    for (int q = 0; q < queues; q++) {
      pending.add(new ArrayDeque<>());
    }
    byMask = new long[1 << queues];
  }

  /**
   * Queue q is busy during [start, end). Intervals of one queue must not overlap; they normally arrive
   * in time order (an out-of-order one is inserted in place).
   */
  public void busy(int queue, long start, long end) {
    if (end <= start) {
      return;
    }
    ArrayDeque<long[]> d = pending.get(queue);
    if (d.isEmpty() || d.peekLast()[0] <= start) {
      d.addLast(new long[] {start, end});
      return;
    }
    List<long[]> sorted = new ArrayList<>(d);
    sorted.add(new long[] {start, end});
    sorted.sort((a, b) -> Long.compare(a[0], b[0]));
    d.clear();
    d.addAll(sorted);
  }

  /** Counts [swept, upTo); every interval starting before upTo must already have been reported. */
  public void sweepTo(long upTo) {
    while (swept < upTo) {
      int mask = 0;
      long change = upTo;
      for (int q = 0; q < pending.size(); q++) {
        ArrayDeque<long[]> d = pending.get(q);
        while (!d.isEmpty() && d.peekFirst()[1] <= swept) {
          d.removeFirst();
        }
        if (!d.isEmpty()) {
          long[] head = d.peekFirst();
          if (head[0] <= swept) {
            mask |= 1 << q;
            change = Math.min(change, head[1]);
          } else {
            change = Math.min(change, head[0]);
          }
        }
      }
      byMask[mask] += change - swept;
      swept = change;
    }
  }

  /** Cycles counted so far per mask (bit q set: queue q busy). */
  public long[] countsByMask() {
    return byMask.clone();
  }
}
