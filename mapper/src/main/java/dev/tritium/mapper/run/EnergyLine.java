package dev.tritium.mapper.run;

import dev.tritium.simulator.energy.Action;

/**
 * One action class of an energy account: the action, how often it happened (ops or bits, as the
 * action's table unit says), its unit energy and the product. {@code unitPj} is NaN when no table
 * prices the action ({@code unpriced} names why); such a line is shown, never defaulted.
 */
public record EnergyLine(String actionClass, Action action, long count, double unitPj, String unpriced) {

  public boolean priced() {
    return unpriced == null;
  }

  /** count x unit energy, in pJ (0 for an unpriced line). */
  public double totalPj() {
    return priced() ? count * unitPj : 0;
  }
}
