package dev.tritium.simulator.energy;

import java.util.List;

/**
 * The energy of one action at the model's target node, with its provenance.
 *
 * @param pJ energy per operation, or per bit for per-bit actions ({@code action.kind().unit()})
 * @param derivation how the figure was obtained, including node scaling factors
 * @param sources the table entries it rests on
 */
public record PricedAction(Action action, double pJ, String derivation, List<CostEntry> sources) {

  public PricedAction {
    sources = List.copyOf(sources);
  }

  static PricedAction of(Action action, Priced p) {
    return new PricedAction(action, p.value(), p.derivation(), p.sources());
  }

  /** Energy of {@code count} operations (or bits), in pJ. */
  public double totalPj(long count) {
    return pJ * count;
  }

  /** One line naming every source entry and the file:line it came from (for energy.csv). */
  public String source() {
    return new Priced(pJ, derivation, sources).sourceLine();
  }
}
