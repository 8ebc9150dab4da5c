package dev.tritium.mapper.sim;

import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.stats.SimulationStats;

/** What one simulation of a program measured: the engine's timing and the functional model's counts. */
public record SimulationResult(SimulationStats stats, ActionCounts counts) {

  public long cycles() {
    return stats.totalCycles();
  }

  /** Simulated time in microseconds at the arch clock. */
  public double latencyUs() {
    return stats.totalNs() / 1000.0;
  }

  /** Busy fraction of the named unit ({@code mac_array}, {@code lut_core}...). */
  public double utilization(String unit) {
    return stats.unit(unit).utilization();
  }
}
