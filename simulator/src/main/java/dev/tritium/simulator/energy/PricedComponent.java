package dev.tritium.simulator.energy;

import java.util.List;

/**
 * The area of one component at the model's target node, with its provenance.
 *
 * @param um2 area per instance, or per bit for per-bit components ({@code component.kind().unit()})
 */
public record PricedComponent(Component component, double um2, String derivation, List<CostEntry> sources) {

  public PricedComponent {
    sources = List.copyOf(sources);
  }

  static PricedComponent of(Component component, Priced p) {
    return new PricedComponent(component, p.value(), p.derivation(), p.sources());
  }

  /** One line naming every source entry and the file:line it came from (for area.csv). */
  public String source() {
    return new Priced(um2, derivation, sources).sourceLine();
  }
}
