package dev.tritium.simulator.energy;

/**
 * Static power per unit area at the target node, and the static energy it implies. Static energy is
 * reported apart from dynamic energy.
 *
 * @param nWPerUm2 leakage power density at the target node
 * @param source the table entry it was scaled from
 * @param derivation how it was scaled
 */
public record LeakageDensity(double nWPerUm2, LeakageEntry source, String derivation) {

  /** Leakage power of an area, in mW. */
  public double powerMw(double areaUm2) {
    return nWPerUm2 * areaUm2 * 1e-6;
  }

  /** Static energy of an area over a runtime, in pJ (nW x ns = 1e-6 pJ). */
  public double staticEnergyPj(double areaUm2, double runtimeNs) {
    return nWPerUm2 * areaUm2 * runtimeNs * 1e-6;
  }
}
