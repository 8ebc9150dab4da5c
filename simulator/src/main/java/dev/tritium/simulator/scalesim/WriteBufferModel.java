package dev.tritium.simulator.scalesim;

import static dev.tritium.common.IntMath.ceilDiv;

import java.util.ArrayDeque;

/**
 * SCALE-Sim v2's ofmap write buffer ({@code memory/write_buffer.py}) over word counts, not addresses.
 *
 * <p>Written words are packed into lines of {@code bw} words. After each word: if a drain is still under
 * way and no space is left, the array stalls until the drain ends; otherwise, if free space has fallen
 * below the active half, the partly filled line is closed and a drain of the next
 * {@code ceil(drainHalf / bw)} lines starts at the current cycle, one line per cycle. A drain frees (and
 * counts as DRAM writes) every line as {@code bw} words except the last, which counts its real words:
 * lines closed early in the middle of a drain count their empty slots too. At the end of the layer all
 * remaining lines drain back to back from the cycle of the last output. Cost is O(1) per demand line
 * plus O(1) per drain.
 */
final class WriteBufferModel {

  private final long bw;
  private final long total;
  private final long activeHalf;
  private final long linesPerDrain;

  private long free;
  private long drainEnd;
  private long lineFill;
  private long linesClosed;
  private long drainPointer;
  /** Index and size of lines closed before they were full, not yet drained (ascending index). */
  private final ArrayDeque<long[]> partial = new ArrayDeque<>();

  private long writes;
  private long startCycle = Long.MIN_VALUE;
  private long stopCycle;

  WriteBufferModel(long sizeWords, long bw) {
    this.bw = bw;
    this.total = sizeWords;
    this.activeHalf = ceilDiv(sizeWords, 2);
    this.linesPerDrain = ceilDiv(sizeWords - activeHalf, bw);
    this.free = sizeWords;
  }

  /** Writes {@code words} words arriving at {@code cycle}; returns the cycle the line completes. */
  long serve(long words, long cycle) {
    long cur = cycle;
    long left = words;
    while (left > 0) {
      if (cur < drainEnd) {
        long need = Math.max(free, 1);
        if (left < need) {
          store(left);
          return cur;
        }
        store(need);
        left -= need;
        cur = drainEnd;
      } else {
        long need = Math.max(1, free - activeHalf + 1);
        if (left < need) {
          store(left);
          return cur;
        }
        store(need);
        left -= need;
        drainEnd = drain(cur);
      }
    }
    return cur;
  }

  private void store(long n) {
    free -= n;
    long filled = lineFill + n;
    linesClosed += filled / bw;
    lineFill = filled % bw;
  }

  private void closePartialLine() {
    if (lineFill != 0) {
      partial.addLast(new long[] {linesClosed, lineFill});
      linesClosed++;
      lineFill = 0;
    }
  }

  /** Drains the next lines starting at {@code cycle}; returns the cycle of its last line. */
  private long drain(long cycle) {
    closePartialLine();
    long n = Math.min(linesPerDrain, linesClosed - drainPointer);
    if (n <= 0) {
      throw new IllegalStateException("ofmap drain with no line to write (free-space accounting broke)");
    }
    long last = drainPointer + n - 1;
    while (!partial.isEmpty() && partial.peekFirst()[0] < drainPointer) {
      partial.removeFirst();
    }
    long lastSize = bw;
    for (long[] p : partial) {
      if (p[0] == last) {
        lastSize = p[1];
        break;
      }
      if (p[0] > last) {
        break;
      }
    }
    long data = (n - 1) * bw + lastSize;
    writes += data;
    free += data;
    drainPointer += n;
    if (startCycle == Long.MIN_VALUE) {
      startCycle = cycle;
    }
    stopCycle = cycle + n - 1;
    return stopCycle;
  }

  /** Drains everything left, starting at {@code cycle} (SCALE-Sim's {@code empty_all_buffers}). */
  void flush(long cycle) {
    closePartialLine();
    long c = cycle;
    while (drainPointer < linesClosed) {
      drainEnd = drain(c);
      c = drainEnd + 1;
    }
  }

  long dramWrites() {
    return writes;
  }

  long dramStartCycle() {
    return startCycle == Long.MIN_VALUE ? 0 : startCycle;
  }

  long dramStopCycle() {
    return stopCycle;
  }

  long capacity() {
    return total;
  }
}
