package dev.tritium.simulator.energy.accounting;

/**
 * Leakage energy, reported apart from dynamic energy: leakage density x area x runtime.
 *
 * @param areaUm2 leaking area (the whole design of the {@link AreaReport})
 * @param nWPerUm2 leakage density at the target node
 * @param runtimeNs simulated runtime
 * @param staticPj {@code nWPerUm2 x areaUm2 x runtimeNs x 1e-6}
 * @param source the leakage entry and how it was scaled
 */
public record StaticEnergy(double areaUm2, double nWPerUm2, double runtimeNs, double staticPj, String source) {

  /** No runtime, no static energy (used for reports of counts alone). */
  public static final StaticEnergy NONE = new StaticEnergy(0, 0, 0, 0, "no runtime given");

  /** Static energy of the same design over a runtime scaled by {@code factor}. */
  public StaticEnergy times(double factor) {
    return new StaticEnergy(areaUm2, nWPerUm2, runtimeNs * factor, staticPj * factor, source);
  }

  /** The same design over both runtimes (areas must agree). */
  public StaticEnergy plus(StaticEnergy o) {
    if (this == NONE || runtimeNs == 0) {
      return o;
    }
    if (o == NONE || o.runtimeNs == 0) {
      return this;
    }
    if (Double.compare(areaUm2, o.areaUm2) != 0 || Double.compare(nWPerUm2, o.nWPerUm2) != 0) {
      throw new IllegalArgumentException("cannot add static energy of different designs (" + areaUm2 + " um2 vs "
          + o.areaUm2 + " um2)");
    }
    return new StaticEnergy(areaUm2, nWPerUm2, runtimeNs + o.runtimeNs, staticPj + o.staticPj, source);
  }
}
