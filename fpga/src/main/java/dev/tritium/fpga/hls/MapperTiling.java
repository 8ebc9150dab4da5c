package dev.tritium.fpga.hls;

import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.mapper.bitlinear.SramLayout;
import dev.tritium.mapper.tiling.Objective;
import dev.tritium.mapper.tiling.SearchResult;
import dev.tritium.mapper.tiling.SimulatedCandidate;
import dev.tritium.mapper.tiling.TilingSearch;
import dev.tritium.mapper.tiling.TilingSpace;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.engine.Machine;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The mapper's choice of unit, packing and weight-buffer tile (tile_n x tile_k, one WGT slot) for
 * each BitLinear shape of an export: {@link TilingSearch} with the cycles objective. The export
 * follows it, so the exported kernel loads the same weight tiles the simulated program does.
 *
 * <p>All stages of one export share one unit and packing (one set of decoders in kernel.c): the first
 * shape's search fixes them (unless the user named them), later shapes take their best simulated
 * mapping with that unit and packing, or else the legal mapping with the largest weight tile.
 */
final class MapperTiling {

  private final ArchConfig arch;
  private final TilingSearch search;
  private final IsaTarget target;

  MapperTiling(ArchConfig arch) {
    this.arch = arch;
    this.search = new TilingSearch(arch);
    this.target = Machine.isaTarget(arch);
  }

  /** The mapping of one shape, restricted to a unit (null: any) and packing (null: any). */
  Mapping choose(BitLinearShape shape, ComputeUnit unit, Packing packing) {
    Set<ComputeUnit> units = unit == null ? EnumSet.allOf(ComputeUnit.class) : EnumSet.of(unit);
    SearchResult r = search.search(shape, Objective.CYCLES, units, TilingSearch.defaultWeights(shape));
    if (packing == null) {
      return r.mapping();
    }
    Optional<Mapping> simulated = r.simulated().stream().map(SimulatedCandidate::candidate)
        .map(c -> c.mapping()).filter(m -> m.packing() == packing).findFirst();
    if (simulated.isPresent()) {
      return simulated.get();
    }
    List<Mapping> legal = TilingSpace.enumerate(shape, target, units).stream()
        .filter(m -> m.packing() == packing && SramLayout.ofOrNull(shape, m, target) != null).toList();
    return legal.stream()
        .max(Comparator.comparingLong((Mapping m) -> (long) m.tileN() * m.tileK()).thenComparingInt(Mapping::tileM))
        .orElseThrow(() -> new IllegalArgumentException("arch '" + arch.name() + "': no legal mapping of " + shape
            + " with packing " + packing.modelsName() + (unit == null ? "" : " on the " + unit.name().toLowerCase(
                java.util.Locale.ROOT) + " unit")));
  }
}
