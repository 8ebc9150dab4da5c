package dev.tritium.simulator.scalesim;

import static dev.tritium.common.IntMath.ceilDiv;

/**
 * SCALE-Sim v2's USER-mode double-buffered read buffer ({@code memory/read_buffer.py}), as an event model.
 *
 * <p>What SCALE-Sim does, and what this class reproduces:
 * <ul>
 *   <li>The prefetch order of the operand (see {@link FetchOrder}) is cut into "sets" of
 *       {@code e = ceil(size / 100)} words (holes skipped; a word repeated in the order counts each time);
 *       there are {@code L = floor(words / e) + 1} sets, the last possibly empty.</li>
 *   <li>The active half holds {@code A = min(L, ceil(active / e))} consecutive sets (cyclically), the
 *       prefetch half the next {@code P = min(L - A, ceil(prefetch / e))}. A request hits when its address
 *       is in one of the active sets. On a miss the window slides by P sets (one "prefetch") until it hits,
 *       wrapping round the operand: a request behind the window costs a full turn.</li>
 *   <li>Timing does not steer the window. The k-th prefetch is a burst of {@code ceil(prefetch / bw)}
 *       request lines, issued back to back after the previous one: it completes at
 *       {@code -1 + k (ceil(prefetch / bw) + 1)}. The first fill ({@code min(ceil(active / bw), fetch lines)}
 *       lines) ends at cycle -1 and costs nothing.</li>
 *   <li>A demand line that missed is served at {@code max(cycle + 1, completion of its last prefetch)}.</li>
 *   <li>DRAM reads count whole request lines of {@code bw} words, holes included.</li>
 * </ul>
 */
final class UserReadBuffer implements ReadBufferModel {

  private final long bw;
  private final long sets;
  private final long active;
  private final long prefetch;
  private final long linesPerPrefetch;
  private final long firstFillLines;
  private final DemandGeometry geo;
  private final DemandGeometry.Stream stream;
  /** Address-to-sets table, or null when the operand takes the rank-range path. */
  private final SetIndex index;
  private final long perSet;
  private final long[] addresses;
  private long lastRequests;
  private long steps;

  private long start;
  private long end;
  private long prefetches;

  /** Which sets hold an address. */
  interface SetIndex {
    /** Number of words (holes excluded) in the fetch order. */
    long words();

    /** True when one of the sets holding {@code address} lies in the cyclic window {@code [start, end)}. */
    boolean inWindow(long address, long start, long end, long sets);
  }

  /**
   * @param index the explicit address-to-sets table, or null for an operand whose addresses are all distinct
   *     (then a request's set is its position in the prefetch order over the set size)
   */
  UserReadBuffer(DemandGeometry geo, DemandGeometry.Stream stream, long sizeWords, long bw, SetIndex index) {
    this.geo = geo;
    this.stream = stream;
    this.bw = bw;
    this.index = index;
    this.addresses = new long[Math.max(geo.map.rows(), geo.map.cols())];
    long fetchSlots = stream.fetchSlots(geo.map);
    long words = index != null ? index.words() : wordsWithoutHoles(geo, stream);
    long activeWords = ceilDiv(sizeWords, 2);
    long prefetchWords = sizeWords - activeWords;
    this.perSet = ceilDiv(sizeWords, 100);
    this.sets = words / perSet + 1;
    this.active = Math.min(sets, ceilDiv(activeWords, perSet));
    this.prefetch = Math.min(sets - active, ceilDiv(prefetchWords, perSet));
    this.linesPerPrefetch = ceilDiv(prefetchWords, bw);
    this.firstFillLines = Math.min(ceilDiv(activeWords, bw), ceilDiv(fetchSlots, bw));
    this.start = 0;
    this.end = active;
  }

  /** Words of a hole-free operand: the matrix it is cut from, unused array rows or columns excluded. */
  private static long wordsWithoutHoles(DemandGeometry geo, DemandGeometry.Stream s) {
    return Math.multiplyExact(s.ifmap() ? geo.layer.ofmapPixels() : geo.layer.numFilters(),
        geo.layer.windowSize());
  }

  @Override
  public long serve(long fc, long fr, long j, long cycle) {
    long before = prefetches;
    if (index != null) {
      int n = stream.requests(geo, fc, fr, j, addresses);
      lastRequests = n;
      steps += n;
      for (int i = 0; i < n; i++) {
        long a = addresses[i];
        long turns = 0;
        while (!index.inWindow(a, start, end, sets)) {
          slide();
          turns = guard(turns, a);
        }
      }
    } else {
      long n = stream.count(fc, fr, j);
      lastRequests = n;
      if (n > 0) {
        long first = stream.firstRank(fc, fr, j);
        serveSets(first / perSet, (first + n - 1) / perSet);
      }
    }
    if (prefetches == before) {
      return cycle + 1;
    }
    return Math.max(cycle + 1, completion(prefetches));
  }

  /**
   * Requests falling in sets {@code lo..hi}, in ascending order. Between misses only window boundaries
   * matter, so this is O(1) per prefetch rather than per request.
   */
  private void serveSets(long lo, long hi) {
    long k = lo;
    while (k <= hi) {
      steps++;
      if (!windowContains(k, start, end)) {
        slideTo(k);
      }
      // k hits; the window keeps hitting up to its end (or to the last set when it wraps past k).
      k = start < end ? end : (k >= start ? sets : end);
    }
  }

  /**
   * Slides the window as SCALE-Sim's miss loop does until it holds set {@code k}, in O(1): the window moves
   * P <= A sets per prefetch, so the first window to reach {@code k} (D sets ahead of the start, cyclically)
   * is the {@code floor((D - A) / P) + 1}-th.
   */
  private void slideTo(long k) {
    long d = Math.floorMod(k - start, sets);
    long n = (d - active) / prefetch + 1;
    start = (start + Math.multiplyExact(n % sets, prefetch) % sets) % sets;
    end = (start + active) % sets;
    prefetches = Math.addExact(prefetches, n);
    steps++;
  }

  private long guard(long turns, long what) {
    if (turns > sets / Math.max(1, prefetch) + 2) {
      throw new IllegalStateException("request " + what + " is in no prefetch set");
    }
    return turns + 1;
  }

  @Override
  public long steps() {
    return steps;
  }

  @Override
  public long lastRequests() {
    return lastRequests;
  }

  private void slide() {
    steps++;
    start = (start + prefetch) % sets;
    end = (start + active) % sets;
    prefetches++;
  }

  /** Cycle at which the k-th prefetch (k >= 1) has fully arrived; -1 for the first fill. */
  private long completion(long k) {
    return Math.multiplyExact(k, linesPerPrefetch + 1) - 1;
  }

  /** True when cyclic set window {@code [start, end)} of {@code sets} contains {@code set}. */
  static boolean windowContains(long set, long start, long end) {
    if (start < end) {
      return set >= start && set < end;
    }
    return set >= start || set < end;
  }

  @Override
  public long dramReads() {
    return Math.multiplyExact(bw,
        Math.addExact(firstFillLines, Math.multiplyExact(prefetches, linesPerPrefetch)));
  }

  @Override
  public long dramStartCycle() {
    return -firstFillLines;
  }

  @Override
  public long dramStopCycle() {
    return completion(prefetches);
  }

  long prefetches() {
    return prefetches;
  }
}
