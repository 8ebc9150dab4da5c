package dev.tritium.simulator.stats;

/**
 * Cycles by which queues were busy at the same time (a queue is busy while its unit is busy, as in
 * {@link UnitStats#busyCycles()}; waiting inside an instruction does not count). The eight fields
 * partition the run: they sum to the total cycles.
 *
 * @param noneBusyCycles no queue busy
 * @param loadOnlyCycles only the load queue busy
 * @param computeOnlyCycles only the compute queue busy
 * @param storeOnlyCycles only the store queue busy
 * @param loadComputeCycles load and compute busy, store not (double buffering at work)
 * @param loadStoreCycles load and store busy, compute not
 * @param computeStoreCycles compute and store busy, load not
 * @param allBusyCycles all three busy
 */
public record OverlapStats(
    long noneBusyCycles,
    long loadOnlyCycles,
    long computeOnlyCycles,
    long storeOnlyCycles,
    long loadComputeCycles,
    long loadStoreCycles,
    long computeStoreCycles,
    long allBusyCycles) {

  /** Builds from counts indexed by a mask: bit 0 load, bit 1 compute, bit 2 store. */
  public static OverlapStats fromMaskCounts(long[] byMask) {
    return new OverlapStats(byMask[0], byMask[1], byMask[2], byMask[4], byMask[3], byMask[5], byMask[6],
        byMask[7]);
  }

  public long totalCycles() {
    return noneBusyCycles + loadOnlyCycles + computeOnlyCycles + storeOnlyCycles + loadComputeCycles
        + loadStoreCycles + computeStoreCycles + allBusyCycles;
  }
}
