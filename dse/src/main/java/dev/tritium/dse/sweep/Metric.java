package dev.tritium.dse.sweep;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A figure of merit of one design point running the workload step; the key is the CSV column name (with
 * its unit). The order here is the column order in results.csv.
 */
public enum Metric {
  /** Cycles of one workload step at the point's clock. */
  LATENCY_CYCLES("latency_cycles"),
  LATENCY_MS("latency_ms"),
  /** Switching energy of the step (the simulator's priced actions). */
  DYNAMIC_ENERGY_MJ("dynamic_energy_mJ"),
  /** Leakage over the step's runtime: area x leakage density x time. */
  STATIC_ENERGY_MJ("static_energy_mJ"),
  /** Dynamic + static. */
  ENERGY_MJ("energy_mJ"),
  /** Silicon area of the design (compute units and SRAM). */
  AREA_UM2("area_um2"),
  /** Average power over the step: energy / latency. */
  POWER_W("power_W"),
  TOKENS_PER_S("tokens_per_s"),
  TOKENS_PER_S_PER_W("tokens_per_s_per_W");

  private final String key;

  Metric(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static Optional<Metric> byKey(String key) {
    return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(Metric::key).toList();
  }
}
