package dev.tritium.simulator.scalesim;

/**
 * Runs one layer's demand lines through SCALE-Sim's memory system ({@code double_buffered_scratchpad_mem.py}
 * {@code service_memory_requests}): line {@code i} arrives at cycle {@code i + stalls so far}; the ifmap
 * and filter buffers and the ofmap write buffer each serve it, and the line adds the largest of their
 * stalls. Total Cycles is the cycle the last line's outputs are written.
 */
final class MemorySimulation {

  private MemorySimulation() {}

  /** Counts of the work done, for tests that bound the cost. */
  static final class Work {
    /** Demand lines walked. */
    long lines;
    /** SCALE-Sim's SRAM requests in those lines (what a per-request model would iterate over). */
    long requests;
    /** Loop steps of the two read buffers. */
    long bufferSteps;
  }

  static ScaleSimAccess run(DemandGeometry geo, ReadBufferModel ifmap, ReadBufferModel filter,
      WriteBufferModel ofmap, Work work) {
    long stalls = 0;
    long ifStart = -1;
    long ifStop = 0;
    long fiStart = -1;
    long fiStop = 0;
    long ofStart = -1;
    long ofStop = 0;
    long lastOut = 0;
    long stallsBeforeLast = 0;
    for (long i = 0; i < geo.lines; i++) {
      long cycle = i + stalls;
      long fold = i / geo.linesPerFold;
      long j = i - fold * geo.linesPerFold;
      long fc = fold / geo.map.rowFolds();
      long fr = fold - fc * geo.map.rowFolds();
      long ifOut = ifmap.serve(fc, fr, j, cycle);
      long ni = ifmap.lastRequests();
      long fiOut = filter.serve(fc, fr, j, cycle);
      long nf = filter.lastRequests();
      long words = geo.ofmapWrites(i);
      long ofOut = ofmap.serve(words, cycle);
      if (ni > 0) {
        ifStart = ifStart < 0 ? ifOut : ifStart;
        ifStop = ifOut;
      }
      if (nf > 0) {
        fiStart = fiStart < 0 ? fiOut : fiStart;
        fiStop = fiOut;
      }
      if (words > 0) {
        ofStart = ofStart < 0 ? ofOut : ofStart;
        ofStop = ofOut;
      }
      if (work != null) {
        work.lines++;
        work.requests += ni + nf;
      }
      stallsBeforeLast = stalls;
      lastOut = ofOut;
      stalls = Math.addExact(stalls, Math.max(Math.max(ifOut - cycle - 1, fiOut - cycle - 1), ofOut - cycle));
    }
    ofmap.flush(lastOut);
    if (work != null) {
      work.bufferSteps += ifmap.steps() + filter.steps();
    }
    long total = lastOut;
    assert total >= geo.lines - 1 + stallsBeforeLast;
    return new ScaleSimAccess(total, stalls, ifStart, ifStop, fiStart, fiStop, ofStart, ofStop,
        ifmap.dramStartCycle(), ifmap.dramStopCycle(), ifmap.dramReads(),
        filter.dramStartCycle(), filter.dramStopCycle(), filter.dramReads(),
        ofmap.dramStartCycle(), ofmap.dramStopCycle(), ofmap.dramWrites());
  }
}
