package dev.tritium.simulator.scalesim;

import static dev.tritium.common.IntMath.ceilDiv;

import java.util.Arrays;

/**
 * SCALE-Sim v2's CALC-mode read buffer ({@code memory/read_buffer_estimate_bw.py}): it never stalls, it
 * only records which words it would have had to fetch and when.
 *
 * <p>Requests that miss are appended to sets of {@code e = floor(size / 100)} words in demand order. A
 * request hits when its address was appended within the current "epoch" of 50 sets ({@code 50 e} misses):
 * the active window jumps by 50 sets whenever the 50th set of an epoch closes (it does not slide), so
 * every re-read from an earlier epoch is fetched again. DRAM reads are the misses. The first epoch's
 * prefetch ends at {@code firstRequestCycle - 1} and lasts {@code ceil(50 e / 10)} cycles; if no epoch
 * closes, the single fill lasts {@code ceil(sets x e / 10)} cycles and ends at -1. The stop cycle is one
 * after the cycle at which the last epoch closed.
 */
final class EstimateReadBuffer implements ReadBufferModel {

  private static final int SETS_PER_EPOCH = 50;

  private final long perSet;
  private final long bw;
  private final long[] lastMiss;

  private long misses;
  private long epochs;
  private long epochStartMiss;
  private long firstRequestCycle = -1;
  private long lastEpochCycle;

  EstimateReadBuffer(long sizeWords, long bw, long addressSpace) {
    if (addressSpace > ExplicitSetIndex.MAX_SLOTS) {
      throw new IllegalArgumentException("operand of " + addressSpace + " words is too large for the CALC "
          + "bandwidth estimate (at most " + ExplicitSetIndex.MAX_SLOTS + ")");
    }
    this.perSet = sizeWords / 100;
    this.bw = bw;
    this.lastMiss = new long[(int) addressSpace];
    Arrays.fill(lastMiss, -1);
  }

  @Override
  public long serve(long[] addresses, int count, long cycle) {
    if (count > 0 && firstRequestCycle < 0) {
      firstRequestCycle = cycle;
    }
    long epochWords = SETS_PER_EPOCH * perSet;
    for (int i = 0; i < count; i++) {
      int a = (int) addresses[i];
      if (lastMiss[a] >= epochStartMiss) {
        continue;
      }
      lastMiss[a] = misses++;
      if (misses % epochWords == 0) {
        epochs++;
        epochStartMiss = misses;
        lastEpochCycle = cycle;
      }
    }
    return cycle + 1;
  }

  @Override
  public long dramReads() {
    return misses;
  }

  @Override
  public long dramStartCycle() {
    if (epochs == 0) {
      return -ceilDiv(ceilDiv(misses, perSet) * perSet, bw);
    }
    return firstRequestCycle - ceilDiv(SETS_PER_EPOCH * perSet, bw);
  }

  @Override
  public long dramStopCycle() {
    return epochs == 0 ? -1 : lastEpochCycle + 1;
  }
}
