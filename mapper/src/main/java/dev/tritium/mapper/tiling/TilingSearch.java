package dev.tritium.mapper.tiling;

import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.BitLinearMapper;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.CompiledBitLinear;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.mapper.bitlinear.SramLayout;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.synth.SyntheticWeights;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.accounting.EnergyAccounting;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.functional.WeightTileStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks a mapping for a BitLinear by objective (mapper/README.md, "Tiling search"): enumerate
 * ({@link TilingSpace}), drop illegal ones ({@link SramLayout}), estimate every legal one
 * ({@link AnalyticalEstimator}), simulate the best {@link #SIMULATED} by estimate timing-only and
 * choose by simulated score. Results are cached per (shape, arch, objective, units, weight histogram):
 * the 30 layers of a model share seven shapes.
 */
public final class TilingSearch {

  /** Candidates simulated after the analytical pruning. */
  public static final int SIMULATED = 4;

  private final ArchConfig arch;
  private final IsaTarget target;
  private final SimulationRunner runner;
  private final BitLinearMapper mapper;
  private final EnergyAccounting accounting;
  private final AnalyticalEstimator estimator;
  private final ConcurrentHashMap<Key, SearchResult> cache = new ConcurrentHashMap<>();

  private record Key(BitLinearShape shape, Objective objective, Set<ComputeUnit> units, WeightTileStats weights) {}

  public TilingSearch(ArchConfig arch) {
    this(arch, CostModel.preset(CostModel.DEFAULT_PRESET, arch.technologyNodeNm()));
  }

  public TilingSearch(ArchConfig arch, CostModel costs) {
    this.arch = arch;
    this.runner = new SimulationRunner(arch);
    this.target = runner.target();
    this.mapper = new BitLinearMapper(target);
    this.accounting = new EnergyAccounting(arch, costs);
    this.estimator = new AnalyticalEstimator(arch, accounting);
  }

  public ArchConfig arch() {
    return arch;
  }

  public BitLinearMapper mapper() {
    return mapper;
  }

  public SimulationRunner runner() {
    return runner;
  }

  /** The expected histogram of synthetic weights (default zero fraction) for a shape's N x K weights. */
  public static WeightTileStats defaultWeights(BitLinearShape s) {
    long total = (long) s.inFeatures() * s.outFeatures();
    long zeros = Math.round(total * SyntheticWeights.effectiveZeroFraction(SyntheticWeights.DEFAULT_ZERO_FRACTION));
    long plus = (total - zeros) / 2;
    return new WeightTileStats(plus, total - zeros - plus, zeros);
  }

  /** Search over both units with the default histogram. */
  public SearchResult search(BitLinearShape s, Objective objective) {
    return search(s, objective, EnumSet.allOf(ComputeUnit.class), defaultWeights(s));
  }

  /** Cached search. */
  public SearchResult search(BitLinearShape s, Objective objective, Set<ComputeUnit> units, WeightTileStats weights) {
    Key key = new Key(s, objective, Set.copyOf(units), weights);
    SearchResult hit = cache.get(key);
    if (hit != null) {
      return new SearchResult(hit.shape(), hit.objective(), hit.enumerated(), hit.legal(), hit.simulated(), 0);
    }
    SearchResult r = searchUncached(s, objective, units, weights);
    cache.putIfAbsent(key, r);
    return r;
  }

  /** Number of cached results. */
  public int cachedResults() {
    return cache.size();
  }

  /** The search without the cache (for benchmarks). */
  public SearchResult searchUncached(BitLinearShape s, Objective objective, Set<ComputeUnit> units, WeightTileStats weights) {
    long t0 = System.nanoTime();
    List<Mapping> all = TilingSpace.enumerate(s, target, units);
    List<Candidate> legal = new ArrayList<>();
    for (Mapping m : all) {
      SramLayout layout = SramLayout.ofOrNull(s, m, target);
      if (layout != null) {
        Estimate e = estimator.estimate(s, m, layout, weights);
        legal.add(new Candidate(m, layout, e, objective.score(e.totalCycles(), e.energyPj())));
      }
    }
    if (legal.isEmpty()) {
      throw new IllegalArgumentException("no legal mapping of BitLinear " + s + " on " + arch.name() + " with units "
          + units + ": the buffers are too small for one token's row of K = " + s.inFeatures());
    }
    // Ties on the objective (a compute-bound layer takes as many cycles in any packing) go to the estimate with
    // less energy, so a layer that fits a smaller packing uses it.
    legal.sort(Comparator.comparingDouble(Candidate::estimatedScore).thenComparingDouble(c -> c.estimate().energyPj()));
    List<SimulatedCandidate> sims = new ArrayList<>();
    for (Candidate c : legal.subList(0, Math.min(SIMULATED, legal.size()))) {
      sims.add(simulate(s, c, objective, weights));
    }
    sims.sort(Comparator.comparingDouble(SimulatedCandidate::score).thenComparingDouble(SimulatedCandidate::energyPj));
    return new SearchResult(s, objective, all.size(), legal.size(), sims, System.nanoTime() - t0);
  }

  /** Timing-only simulation of one candidate, energy priced with the histogram-resolved pair counts. */
  public SimulatedCandidate simulate(BitLinearShape s, Candidate c, Objective objective, WeightTileStats weights) {
    CompiledBitLinear compiled = mapper.compile(s, c.mapping(), 1f);
    SimulationResult r = runner.timingOnly(compiled.program());
    ActionCounts counts = r.counts();
    if (!counts.macArray().known()) {
      counts = new ActionCounts(counts.macArray().resolvedBy(weights, s.tokens()), counts.lutPairs(), counts.lut(),
          counts.int8Macs(), counts.fp32Ops(), counts.traffic(), counts.floatArray(), counts.codeArray(),
          counts.maskDecodes(), counts.intArray(), counts.bitPlane());
    }
    double pj = accounting.price(counts, r.stats()).dynamicPj();
    return new SimulatedCandidate(c, new SimulationResult(r.stats(), counts), pj, objective.score(r.cycles(), pj));
  }
}
