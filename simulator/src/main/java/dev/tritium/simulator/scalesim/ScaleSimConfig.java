package dev.tritium.simulator.scalesim;

import dev.tritium.simulator.unit.mac.Dataflow;
import java.util.List;
import java.util.Optional;

/**
 * The fields of a SCALE-Sim v2 {@code .cfg} file that affect its reports.
 *
 * @param runName {@code [general] run_name}
 * @param arrayHeight {@code ArrayHeight}, PE rows
 * @param arrayWidth {@code ArrayWidth}, PE columns
 * @param ifmapSramKb {@code IfmapSramSzkB} (KiB; SCALE-Sim multiplies by 1024)
 * @param filterSramKb {@code FilterSramSzkB}
 * @param ofmapSramKb {@code OfmapSramSzkB}
 * @param ifmapOffset {@code IfmapOffset}, first ifmap address
 * @param filterOffset {@code FilterOffset}
 * @param ofmapOffset {@code OfmapOffset}
 * @param dataflow {@code Dataflow} (ws, os, is)
 * @param memoryBanks {@code MemoryBanks}
 * @param bandwidthMode {@code [run_presets] InterfaceBandwidth}
 * @param bandwidthsWordsPerCycle {@code Bandwidth} list (USER mode only; empty in CALC mode)
 * @param topologyCsv {@code [network_presets] TopologyCsvLoc}, if present
 */
public record ScaleSimConfig(
    String runName,
    int arrayHeight,
    int arrayWidth,
    long ifmapSramKb,
    long filterSramKb,
    long ofmapSramKb,
    long ifmapOffset,
    long filterOffset,
    long ofmapOffset,
    Dataflow dataflow,
    int memoryBanks,
    BandwidthMode bandwidthMode,
    List<Integer> bandwidthsWordsPerCycle,
    Optional<String> topologyCsv) {

  /** {@code InterfaceBandwidth}: CALC estimates the bandwidth needed to never stall; USER limits it. */
  public enum BandwidthMode { CALC, USER }

  public ScaleSimConfig {
    bandwidthsWordsPerCycle = List.copyOf(bandwidthsWordsPerCycle);
  }

  /** A CALC-mode config with SCALE-Sim's default offsets, for tests and benchmarks. */
  public static ScaleSimConfig calc(String runName, int rows, int cols, Dataflow dataflow, long sramKb) {
    return new ScaleSimConfig(runName, rows, cols, sramKb, sramKb, sramKb, 0, 10_000_000, 20_000_000,
        dataflow, 1, BandwidthMode.CALC, List.of(), Optional.empty());
  }

  /** Number of processing elements. */
  public long macUnits() {
    return (long) arrayHeight * arrayWidth;
  }
}
