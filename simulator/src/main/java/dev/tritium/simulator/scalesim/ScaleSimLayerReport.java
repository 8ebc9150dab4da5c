package dev.tritium.simulator.scalesim;

import dev.tritium.simulator.unit.mac.SystolicMapping;
import java.util.Optional;

/**
 * One layer's SCALE-Sim-compatible results next to Tritium's native schedule. Without {@code access}
 * (the closed forms alone) the figures are SCALE-Sim's stall-free ones; with it, Total and Stall Cycles,
 * Overall Util and the SRAM bandwidths include the memory system's stalls (USER mode, or a CALC-mode
 * ofmap buffer too small to keep up).
 *
 * @param totalCycles SCALE-Sim "Total Cycles" (index of the cycle of the last output write)
 * @param stallCycles SCALE-Sim "Stall Cycles"
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
 * @param access SCALE-Sim's memory-system results (DETAILED_ACCESS_REPORT), when simulated
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
    long nativeTotalCycles,
    Optional<ScaleSimAccess> access) {

  /** This report with the memory system's cycles, stalls and accesses. */
  public ScaleSimLayerReport withAccess(ScaleSimAccess a) {
    double util = PythonNumbers.trueDivide(Math.multiplyExact(layer.macs(), 100),
        Math.multiplyExact(a.totalCycles(), (long) mapping.rows() * mapping.cols()));
    return new ScaleSimLayerReport(layerId, layer, mapping, a.totalCycles(), a.stallCycles(), util,
        mappingEfficiencyPercent, computeUtilPercent, ifmapSramReads, filterSramReads, ofmapSramWrites,
        ifmapDramWords, filterDramWords, ofmapDramWords, nativeTotalCycles, Optional.of(a));
  }

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

  /** BANDWIDTH_REPORT "Avg IFMAP DRAM BW": SCALE-Sim's figure when simulated, else the compulsory estimate. */
  public double scaleSimIfmapDramBw() {
    return access.map(ScaleSimAccess::avgIfmapDramBw).orElseGet(this::avgIfmapDramBw);
  }

  /** BANDWIDTH_REPORT "Avg FILTER DRAM BW" (see {@link #scaleSimIfmapDramBw}). */
  public double scaleSimFilterDramBw() {
    return access.map(ScaleSimAccess::avgFilterDramBw).orElseGet(this::avgFilterDramBw);
  }

  /** BANDWIDTH_REPORT "Avg OFMAP DRAM BW" (see {@link #scaleSimIfmapDramBw}). */
  public double scaleSimOfmapDramBw() {
    return access.map(ScaleSimAccess::avgOfmapDramBw).orElseGet(this::avgOfmapDramBw);
  }

  /** SCALE-Sim's Total Cycles without its memory stalls (the fold-serialised schedule alone). */
  public long stallFreeCycles() {
    return totalCycles - stallCycles;
  }

  /**
   * Compatible cycles / native cycles, both schedules with memory keeping up (SCALE-Sim's stalls left out, so
   * the ratio is the schedule's alone; the stalls are reported beside it).
   */
  public double nativeSpeedup() {
    return (double) (stallFreeCycles() + 1) / (nativeTotalCycles + 1);
  }
}
