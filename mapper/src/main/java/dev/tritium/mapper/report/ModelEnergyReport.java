package dev.tritium.mapper.report;

import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.GroupRun;
import dev.tritium.mapper.model.ModelEstimate;
import dev.tritium.simulator.energy.accounting.AreaReport;
import dev.tritium.simulator.energy.accounting.EnergyReport;
import java.util.List;

/**
 * Energy, latency and area of one model call (a decode token or a prefill) on one arch.
 *
 * @param model model name
 * @param arch the arch the call ran on (its weight datatype says which datapath was priced)
 * @param phase {@code decode} or {@code prefill}
 * @param shape the decoder-layer shape simulated
 * @param estimate the simulated latency (from {@code ModelEstimator}, as {@code tritium estimate} prints it)
 * @param groups per report group, energy of the whole call
 * @param total all groups summed, with static energy over the call's runtime
 * @param area the design's area per unit
 * @param footprint bytes the model occupies in DRAM
 * @param latencyNote how the latency was obtained (simulated, or re-timed analytically for a baseline)
 */
public record ModelEnergyReport(String model, String arch, String phase, LayerShape shape, ModelEstimate estimate,
    List<GroupRun> groups, EnergyReport total, AreaReport area, ModelFootprint footprint, double latencyMs,
    String latencyNote) {

  public ModelEnergyReport {
    groups = List.copyOf(groups);
  }

  public int tokens() {
    return shape.tokens();
  }
}
