package dev.tritium.simulator.energy.accounting;

import dev.tritium.simulator.energy.PricedComponent;

/**
 * One unit's area: {@code instances} copies of a priced component.
 *
 * @param unit {@code mac_array}, {@code lut_core.build_adders}, {@code vector_unit}, {@code sram.<buffer>}...
 * @param price the component at the target node with its derivation and sources
 * @param instances how many the unit holds (PEs, adders, lanes; 1 for a buffer)
 */
public record AreaRow(String unit, PricedComponent price, long instances) {

  public double um2PerInstance() {
    return price.um2();
  }

  public double totalUm2() {
    return price.um2() * instances;
  }

  public String source() {
    return price.source();
  }
}
