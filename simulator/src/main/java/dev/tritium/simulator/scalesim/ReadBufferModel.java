package dev.tritium.simulator.scalesim;

/** One of SCALE-Sim's two read buffers (ifmap or filter), fed one demand line at a time. */
interface ReadBufferModel {

  /**
   * Serves the requests of line {@code j} of fold {@code (fc, fr)} arriving at {@code cycle} (stalls
   * included).
   *
   * @return the cycle the line is served: {@code cycle + 1} without a stall
   */
  long serve(long fc, long fr, long j, long cycle);

  /** Requests in the line last served (0 for an empty line). */
  long lastRequests();

  /** Words read from DRAM ("DRAM ... Reads"). */
  long dramReads();

  /** "DRAM ... Start Cycle". */
  long dramStartCycle();

  /** "DRAM ... Stop Cycle". */
  long dramStopCycle();

  /** Loop steps taken so far (requests tracked one by one, set ranges, window slides): a cost measure. */
  long steps();
}
