package dev.tritium.dse.eval;

/**
 * What an evaluator measured for one workload step on one design.
 *
 * @param latencyCycles cycles of the step at the arch's clock
 * @param dynamicEnergyPj priced switching energy of every counted action
 */
public record WorkloadResult(long latencyCycles, double dynamicEnergyPj) {

  public WorkloadResult {
    if (latencyCycles < 1) {
      throw new IllegalArgumentException("latency must be >= 1 cycle, got " + latencyCycles);
    }
    if (!(dynamicEnergyPj >= 0) || Double.isInfinite(dynamicEnergyPj)) {
      throw new IllegalArgumentException("dynamic energy must be finite and >= 0 pJ, got " + dynamicEnergyPj);
    }
  }
}
