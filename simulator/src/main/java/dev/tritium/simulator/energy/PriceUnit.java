package dev.tritium.simulator.energy;

/** What one priced figure counts: one operation, or one bit moved. */
public enum PriceUnit {
  /** Energy per operation ({@code pJ} in table files). */
  PER_OP("pJ", "um2"),
  /** Energy per bit read, written or transferred ({@code pJ_per_bit} in table files). */
  PER_BIT("pJ_per_bit", "um2_per_bit");

  private final String energyKey;
  private final String areaKey;

  PriceUnit(String energyKey, String areaKey) {
    this.energyKey = energyKey;
    this.areaKey = areaKey;
  }

  /** The table-file key holding an energy figure of this unit. */
  public String energyKey() {
    return energyKey;
  }

  /** The table-file key holding an area figure of this unit. */
  public String areaKey() {
    return areaKey;
  }
}
