package dev.tritium.simulator.energy.accounting;

import dev.tritium.simulator.energy.Action;
import dev.tritium.simulator.energy.PricedAction;

/**
 * One priced line of an energy report: a unit performed an action {@code count} times (operations, or
 * bits for per-bit actions), each costing {@code pJPerAction}; {@code totalPj = count x pJPerAction}.
 *
 * @param unit the unit that performs it: {@code mac_array}, {@code lut_core}, {@code vector_unit},
 *     {@code sram.<buffer>}, {@code dram}
 * @param actionClass stable name of the counter priced, e.g. {@code mac_array.ternary_add},
 *     {@code sram.weight.read_bits}, {@code dram.burst_padding_bits}
 * @param price the action at the target node with its derivation and sources
 * @param count operations or bits ({@link #countUnit()})
 * @param countBasis where the count came from (functional execution, weight histogram, an assumed
 *     weight mix, engine buffer counters...)
 * @param level compute, one SRAM buffer, or DRAM
 */
public record EnergyEntry(String unit, String actionClass, PricedAction price, long count, String countBasis,
    EnergyLevel level) {

  public EnergyEntry {
    if (count < 0) {
      throw new IllegalArgumentException("negative count " + count + " for " + actionClass);
    }
  }

  public Action action() {
    return price.action();
  }

  /** Energy of one action (per op, or per bit), pJ. */
  public double pJPerAction() {
    return price.pJ();
  }

  /** count x pJ per action. */
  public double totalPj() {
    return price.totalPj(count);
  }

  /** {@code ops} or {@code bits}. */
  public String countUnit() {
    return switch (price.action().kind().unit()) {
      case PER_OP -> "ops";
      case PER_BIT -> "bits";
    };
  }

  /** The table entries the figure rests on, one line. */
  public String source() {
    return price.source();
  }

  /** The same line with its count multiplied (e.g. one simulated decoder layer times the layer count). */
  public EnergyEntry times(long factor) {
    return new EnergyEntry(unit, actionClass, price, Math.multiplyExact(count, factor), countBasis, level);
  }

  /** The same line with another count. */
  public EnergyEntry withCount(long newCount) {
    return new EnergyEntry(unit, actionClass, price, newCount, countBasis, level);
  }
}
