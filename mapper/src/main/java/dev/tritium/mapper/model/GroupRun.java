package dev.tritium.mapper.model;

import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.simulator.energy.accounting.EnergyAccounting;
import dev.tritium.simulator.energy.accounting.EnergyReport;
import dev.tritium.simulator.energy.accounting.StaticEnergy;

/**
 * One report group of a model call ({@code embedding}, {@code q_proj} ... {@code residual},
 * {@code final_norm}, {@code lm_head}): its standalone program simulated once (timing only), and its
 * energy for the whole call, i.e. the simulated counts times {@code repeats}.
 *
 * @param repeats how often the call runs it (the decoder layer count for layer groups, else 1)
 * @param run what one simulation of the group's program measured
 * @param energy the priced counts of all repeats (dynamic only; static energy is the call's)
 */
public record GroupRun(String group, int repeats, SimulationResult run, EnergyReport energy) {

  /**
   * The group priced with {@code accounting}: SRAM bytes from the engine's buffer counters, dynamic
   * energy only (static energy belongs to the whole call's runtime), times {@code repeats}.
   */
  public static GroupRun priced(String group, int repeats, SimulationResult run, EnergyAccounting accounting) {
    return new GroupRun(group, repeats, run, dynamicOnly(accounting.price(run.counts(), run.stats())).times(repeats));
  }

  /** The same group priced with another accounting (another cost model or datapath). */
  public GroupRun repriced(EnergyAccounting accounting) {
    return priced(group, repeats, run, accounting);
  }

  private static EnergyReport dynamicOnly(EnergyReport r) {
    return new EnergyReport(r.entries(), StaticEnergy.NONE, r.costModel());
  }
}
