package dev.tritium.mapper.tiling;

import dev.tritium.mapper.sim.SimulationResult;

/**
 * A candidate simulated timing-only: its cycles, its priced energy (ternary pairs from the weight
 * histogram) and the signed relative error of the estimate, (estimate - simulated) / simulated.
 */
public record SimulatedCandidate(Candidate candidate, SimulationResult simulation, double energyPj, double score) {

  public long cycles() {
    return simulation.cycles();
  }

  public double cycleErrorFraction() {
    return (candidate.estimate().totalCycles() - (double) cycles()) / cycles();
  }

  public double energyErrorFraction() {
    return energyPj == 0 ? 0 : (candidate.estimate().energyPj() - energyPj) / energyPj;
  }
}
