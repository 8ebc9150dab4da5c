package dev.tritium.simulator.scalesim;

/** One of SCALE-Sim's two read buffers (ifmap or filter), fed one demand line at a time. */
interface ReadBufferModel {

  /**
   * Serves the requests of one demand line arriving at {@code cycle} (stalls included).
   *
   * @return the cycle the line is served: {@code cycle + 1} without a stall
   */
  long serve(long[] addresses, int count, long cycle);

  /** Words read from DRAM ("DRAM ... Reads"). */
  long dramReads();

  /** "DRAM ... Start Cycle". */
  long dramStartCycle();

  /** "DRAM ... Stop Cycle". */
  long dramStopCycle();
}
