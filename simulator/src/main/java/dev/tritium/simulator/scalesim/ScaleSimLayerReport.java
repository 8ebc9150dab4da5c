package dev.tritium.simulator.scalesim;

import dev.tritium.simulator.unit.mac.SystolicMapping;

/**
 * One layer's SCALE-Sim-compatible results (the stall-free, InterfaceBandwidth CALC case) next to
 * Tritium's native schedule.
 *
 * @param totalCycles SCALE-Sim "Total Cycles" (index of the cycle of the last output write)
 * @param stallCycles SCALE-Sim "Stall Cycles" (0: CALC mode never stalls)
 * @param overallUtilPercent "Overall Util %" = MACs x 100 / (total cycles x PEs)
 * @param mappingEfficiencyPercent "Mapping Efficiency %": mean over folds of used PEs / PEs
 * @param computeUtilPercent "Compute Util %": mean over folds of used-PE-cycles / (PEs x fold cycles)
 * @param ifmapSramReads words read from the ifmap SRAM
 * @param filterSramReads words read from the filter SRAM
 * @param ofmapSramWrites words written to the ofmap SRAM (as SCALE-Sim counts them)
 * @param ifmapDramWords compulsory ifmap words fetched from DRAM (Tritium estimate, see README)
 * @param filterDramWords compulsory filter words fetched from DRAM (Tritium estimate)
 * @param ofmapDramWords ofmap words written to DRAM (Tritium estimate)
 * @param nativeTotalCycles Tritium native schedule, same cycle convention as {@code totalCycles}
 */
public record ScaleSimLayerReport(
    int layerId,
    ScaleSimLayer layer,
    SystolicMapping mapping,
    long totalCycles,
    long stallCycles,
    double overallUtilPercent,
    double mappingEfficiencyPercent,
    double computeUtilPercent,
    long ifmapSramReads,
    long filterSramReads,
    long ofmapSramWrites,
    long ifmapDramWords,
    long filterDramWords,
    long ofmapDramWords,
    long nativeTotalCycles) {

  /** "Avg IFMAP SRAM BW", words per cycle. */
  public double avgIfmapSramBw() {
    return PythonNumbers.trueDivide(ifmapSramReads, totalCycles);
  }

  /** "Avg FILTER SRAM BW", words per cycle. */
  public double avgFilterSramBw() {
    return PythonNumbers.trueDivide(filterSramReads, totalCycles);
  }

  /** "Avg OFMAP SRAM BW", words per cycle. */
  public double avgOfmapSramBw() {
    return PythonNumbers.trueDivide(ofmapSramWrites, totalCycles);
  }

  /** "Avg IFMAP DRAM BW" (Tritium estimate: compulsory words / total cycles). */
  public double avgIfmapDramBw() {
    return PythonNumbers.trueDivide(ifmapDramWords, totalCycles);
  }

  /** "Avg FILTER DRAM BW" (Tritium estimate). */
  public double avgFilterDramBw() {
    return PythonNumbers.trueDivide(filterDramWords, totalCycles);
  }

  /** "Avg OFMAP DRAM BW" (Tritium estimate). */
  public double avgOfmapDramBw() {
    return PythonNumbers.trueDivide(ofmapDramWords, totalCycles);
  }

  /** Compatible cycles / native cycles. */
  public double nativeSpeedup() {
    return (double) (totalCycles + 1) / (nativeTotalCycles + 1);
  }
}
