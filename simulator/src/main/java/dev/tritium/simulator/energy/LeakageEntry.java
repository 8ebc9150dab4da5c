package dev.tritium.simulator.energy;

/**
 * Static (leakage) power per unit of logic or SRAM area at a node, with its source.
 *
 * @param nWPerUm2 leakage power density in nW per um^2
 */
public record LeakageEntry(double nWPerUm2, int nodeNm, String source, String origin) {

  public LeakageEntry {
    if (!(nWPerUm2 >= 0) || Double.isInfinite(nWPerUm2)) {
      throw new IllegalArgumentException(origin + ": nW_per_um2 must be finite and non-negative, got "
          + nWPerUm2);
    }
    if (nodeNm <= 0) {
      throw new IllegalArgumentException(origin + ": node_nm must be positive, got " + nodeNm);
    }
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException(origin + ": leakage entry has no source");
    }
  }
}
