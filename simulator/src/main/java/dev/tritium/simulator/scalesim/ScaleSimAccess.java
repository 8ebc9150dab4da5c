package dev.tritium.simulator.scalesim;

/**
 * The memory-side results of one layer, as SCALE-Sim's double-buffered scratchpad reports them: cycles
 * with stalls, and the start and stop cycle of each SRAM and DRAM stream (DETAILED_ACCESS_REPORT).
 * Cycle fields are cycle indices (the first DRAM prefetch runs at negative cycles); counts are words.
 *
 * @param totalCycles "Total Cycles": cycle of the last ofmap write, stalls included
 * @param stallCycles "Stall Cycles": cycles the array waited on memory
 */
public record ScaleSimAccess(
    long totalCycles,
    long stallCycles,
    long ifmapSramStartCycle,
    long ifmapSramStopCycle,
    long filterSramStartCycle,
    long filterSramStopCycle,
    long ofmapSramStartCycle,
    long ofmapSramStopCycle,
    long ifmapDramStartCycle,
    long ifmapDramStopCycle,
    long ifmapDramReads,
    long filterDramStartCycle,
    long filterDramStopCycle,
    long filterDramReads,
    long ofmapDramStartCycle,
    long ofmapDramStopCycle,
    long ofmapDramWrites) {

  /** "Avg IFMAP DRAM BW": reads over the cycles from the first to the last DRAM request line. */
  public double avgIfmapDramBw() {
    return PythonNumbers.trueDivide(ifmapDramReads, ifmapDramStopCycle - ifmapDramStartCycle + 1);
  }

  /** "Avg FILTER DRAM BW". */
  public double avgFilterDramBw() {
    return PythonNumbers.trueDivide(filterDramReads, filterDramStopCycle - filterDramStartCycle + 1);
  }

  /** "Avg OFMAP DRAM BW". */
  public double avgOfmapDramBw() {
    return PythonNumbers.trueDivide(ofmapDramWrites, ofmapDramStopCycle - ofmapDramStartCycle + 1);
  }
}
