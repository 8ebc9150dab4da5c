package dev.tritium.simulator.energy.accounting;

import java.util.List;

/**
 * Area of one design per unit, with the leakage density static energy is computed from.
 *
 * @param rows one per unit part, in a stable order
 * @param leakageNWPerUm2 leakage density at the target node
 * @param leakageSource the leakage entry and how it was scaled
 * @param costModel what {@code CostModel.describe()} said
 */
public record AreaReport(List<AreaRow> rows, double leakageNWPerUm2, String leakageSource, String costModel) {

  public AreaReport {
    rows = List.copyOf(rows);
  }

  public double totalUm2() {
    return rows.stream().mapToDouble(AreaRow::totalUm2).sum();
  }

  /** Area of the rows whose unit starts with {@code prefix}, um^2. */
  public double um2Of(String prefix) {
    return rows.stream().filter(r -> r.unit().startsWith(prefix)).mapToDouble(AreaRow::totalUm2).sum();
  }

  /** Leakage energy of the whole design over a runtime. */
  public StaticEnergy staticEnergy(double runtimeNs) {
    if (!(runtimeNs >= 0)) {
      throw new IllegalArgumentException("runtime must be >= 0 ns, got " + runtimeNs);
    }
    double area = totalUm2();
    return new StaticEnergy(area, leakageNWPerUm2, runtimeNs, leakageNWPerUm2 * area * runtimeNs * 1e-6,
        leakageSource);
  }
}
