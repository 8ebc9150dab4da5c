package dev.tritium.simulator.scalesim;

import static dev.tritium.common.IntMath.ceilDiv;

import java.util.Arrays;

/**
 * SCALE-Sim v2's CALC-mode read buffer ({@code memory/read_buffer_estimate_bw.py}): it never stalls, it
 * only records which words it would have had to fetch and when.
 *
 * <p>Requests that miss are appended to sets of {@code e = floor(size / 100)} words in demand order. A
 * request hits when its address was appended within the current "epoch" of 50 sets ({@code E = 50 e}
 * misses): the active window jumps by 50 sets whenever the 50th set of an epoch closes (it does not
 * slide), so every re-read from an earlier epoch is fetched again. DRAM reads are the misses. The first
 * epoch's prefetch ends at {@code firstRequestCycle - 1} and lasts {@code ceil(E / 10)} cycles; if no epoch
 * closes, the single fill lasts {@code ceil(sets x e / 10)} cycles and ends at -1. The stop cycle is one
 * after the cycle at which the last epoch closed.
 *
 * <p>For an operand whose addresses are all distinct the misses follow in closed form, O(1) per line:
 * <ul>
 *   <li>a stationary tile is read once: every request misses;</li>
 *   <li>an operand re-read once per column fold in the same order (ws and os ifmap, is filter) of N words:
 *       if {@code N < E} only the first pass misses (no epoch ever closes); otherwise the previous read of
 *       every word lies N >= E misses back, in an earlier epoch, so every request misses;</li>
 *   <li>the os filter, whose column block of B words is read once per row fold back to back: if
 *       {@code B >= E} every read misses; otherwise the second read misses the words appended before the
 *       epoch start X in force when it begins ({@code X - m0} words, m0 = misses before the block), which
 *       cannot close an epoch, and later reads hit.</li>
 * </ul>
 * Operands with repeated addresses (a convolution's ifmap) keep each address's last miss in a table.
 */
final class EstimateReadBuffer implements ReadBufferModel {

  private static final int SETS_PER_EPOCH = 50;

  private final DemandGeometry geo;
  private final DemandGeometry.Stream stream;
  private final long perSet;
  private final long epochWords;
  private final long bw;
  /** Last miss index per address, or null for the closed form. */
  private final long[] lastMiss;
  private final long[] addresses;
  private final long operandWords;

  private long misses;
  private long epochStartMiss;
  private long firstRequestCycle = -1;
  private long lastEpochCycle;
  private long lastRequests;
  private long steps;
  /** Misses before the current column block (os filter closed form). */
  private long blockStartMisses;
  private long blockFc = -1;

  EstimateReadBuffer(DemandGeometry geo, DemandGeometry.Stream stream, long sizeWords, long bw,
      boolean explicitTable) {
    this.geo = geo;
    this.stream = stream;
    this.perSet = sizeWords / 100;
    this.epochWords = SETS_PER_EPOCH * perSet;
    this.bw = bw;
    this.addresses = new long[Math.max(geo.map.rows(), geo.map.cols())];
    this.operandWords = Math.multiplyExact(stream.ifmap() ? geo.layer.ofmapPixels() : geo.layer.numFilters(),
        geo.layer.windowSize());
    if (geo.distinctAddresses(stream) && !explicitTable) {
      lastMiss = null;
    } else {
      long space = geo.addressSpace(stream.ifmap());
      if (space > ExplicitSetIndex.MAX_SLOTS) {
        throw new IllegalArgumentException("operand of " + space + " words is too large for the CALC "
            + "bandwidth estimate of overlapping convolution windows (at most " + ExplicitSetIndex.MAX_SLOTS + ")");
      }
      lastMiss = new long[(int) space];
      Arrays.fill(lastMiss, -1);
    }
  }

  @Override
  public long serve(long fc, long fr, long j, long cycle) {
    long before = misses;
    if (lastMiss != null) {
      int n = stream.requests(geo, fc, fr, j, addresses);
      lastRequests = n;
      steps += n;
      for (int i = 0; i < n; i++) {
        int a = (int) addresses[i];
        if (lastMiss[a] >= epochStartMiss) {
          continue;
        }
        lastMiss[a] = misses++;
        if (misses % epochWords == 0) {
          epochStartMiss = misses;
        }
      }
    } else {
      long n = stream.count(fc, fr, j);
      lastRequests = n;
      if (n > 0) {
        misses += closedFormMisses(fc, fr, j, n);
        epochStartMiss = misses / epochWords * epochWords;
      }
    }
    if (lastRequests > 0 && firstRequestCycle < 0) {
      firstRequestCycle = cycle;
    }
    if (misses / epochWords > before / epochWords) {
      lastEpochCycle = cycle;
    }
    return cycle + 1;
  }

  private long closedFormMisses(long fc, long fr, long j, long n) {
    if (stream instanceof DemandGeometry.Stream.Tile) {
      return n;
    }
    DemandGeometry.Stream.Skewed k = (DemandGeometry.Stream.Skewed) stream;
    if (k.blockBy() == DemandGeometry.BlockBy.ROW_FOLD) {
      return fc == 0 || operandWords >= epochWords ? n : 0;
    }
    if (fc != blockFc) {
      blockFc = fc;
      blockStartMisses = misses;
    }
    long blockWords = k.rows() * k.used(fc);
    if (fr == 0 || blockWords >= epochWords) {
      return n;
    }
    if (fr > 1) {
      return 0;
    }
    long m0 = blockStartMisses;
    long stale = (m0 + blockWords) / epochWords * epochWords - m0;
    long first = stream.requestsBefore(fc, fr, j);
    return Math.max(0, Math.min(n, stale - first));
  }

  @Override
  public long steps() {
    return steps;
  }

  @Override
  public long lastRequests() {
    return lastRequests;
  }

  @Override
  public long dramReads() {
    return misses;
  }

  @Override
  public long dramStartCycle() {
    if (misses < epochWords) {
      return -ceilDiv(ceilDiv(misses, perSet) * perSet, bw);
    }
    return firstRequestCycle - ceilDiv(epochWords, bw);
  }

  @Override
  public long dramStopCycle() {
    return misses < epochWords ? -1 : lastEpochCycle + 1;
  }
}
