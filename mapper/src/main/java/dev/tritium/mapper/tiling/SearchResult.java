package dev.tritium.mapper.tiling;

import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.Mapping;
import java.util.List;

/**
 * The outcome of one tiling search.
 *
 * @param enumerated mappings generated
 * @param legal mappings that fit the buffers
 * @param simulated the top candidates by estimate, simulated timing-only, best first
 * @param searchNanos wall time of the search (0 when served from the cache)
 */
public record SearchResult(BitLinearShape shape, Objective objective, int enumerated, int legal,
    List<SimulatedCandidate> simulated, long searchNanos) {

  public SearchResult {
    simulated = List.copyOf(simulated);
    if (simulated.isEmpty()) {
      throw new IllegalArgumentException("a search result needs at least one simulated candidate");
    }
  }

  /** The chosen candidate (best simulated score). */
  public SimulatedCandidate best() {
    return simulated.get(0);
  }

  public Mapping mapping() {
    return best().candidate().mapping();
  }

  /** Largest |estimate - simulation| / simulation over the simulated candidates (cycles). */
  public double maxCycleErrorFraction() {
    return simulated.stream().mapToDouble(c -> Math.abs(c.cycleErrorFraction())).max().orElse(0);
  }
}
