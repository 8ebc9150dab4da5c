package dev.tritium.dse.eval;

/**
 * Silicon area of a design by part, and the leakage density at its node.
 *
 * @param macArrayUm2 R x C processing elements of the MAC array's datatype
 * @param lutCoreUm2 the LUT core's build adders and lookup accumulators
 * @param vectorUnitUm2 one fp32 adder and multiplier per lane
 * @param sramUm2 every on-chip buffer
 * @param leakageNwPerUm2 static power density at the design's node
 */
public record DesignArea(double macArrayUm2, double lutCoreUm2, double vectorUnitUm2, double sramUm2,
    double leakageNwPerUm2) {

  public double totalUm2() {
    return macArrayUm2 + lutCoreUm2 + vectorUnitUm2 + sramUm2;
  }

  /** Leakage energy of the whole design over a runtime, in pJ (nW x ns = 1e-6 pJ). */
  public double staticEnergyPj(double runtimeNs) {
    return leakageNwPerUm2 * totalUm2() * runtimeNs * 1e-6;
  }
}
