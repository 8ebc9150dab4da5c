package dev.tritium.mapper.model;

import dev.tritium.isa.Instruction;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.simulator.config.ArchConfig;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Timing-only simulations of layer groups (a decoder layer, one of its report groups, the embedding,
 * final norm, LM head) shared across estimators, e.g. across the points of a design-space sweep. A
 * result is reused when the program is identical (instruction for instruction, so the mapping and the
 * work are the same) and the arch agrees on every field the program's timing can depend on: the
 * {@link GroupFootprint#archView view} of the units and buffers the program used, learned from the
 * simulator's stats on the program's first run. So points that differ only in the LUT core reuse every
 * group that runs on the MAC array, and the other way round.
 *
 * <p>Guard: every fresh run (a miss) measures its footprint again; if it used a unit or buffer outside
 * the footprint its key was built with (the footprint would then depend on the arch, which the engine
 * does not do today), the program is keyed on the whole arch from then on and the event is counted in
 * {@link Stats#footprintWidenings()}.
 *
 * <p>Thread-safe; lookups and inserts hold the lock briefly, simulations run outside it (two threads
 * missing the same key both simulate, with identical results). Bounded: programs are evicted least
 * recently used once the retained instructions plus {@value #RESULT_WEIGHT} per stored result exceed
 * the budget, and each program keeps at most {@value #MAX_RESULTS_PER_PROGRAM} results.
 *
 * <p>The runner passed in must be a plain {@code new SimulationRunner(arch)} (not force-serial).
 */
public final class LayerGroupCache {

  /** Default budget in instructions (about 100 MB of programs and results at most). */
  public static final long DEFAULT_MAX_WEIGHT = 1_000_000;
  /** What one stored result (stats and counts, about 2 KB) weighs, in instructions. */
  static final int RESULT_WEIGHT = 32;
  static final int MAX_RESULTS_PER_PROGRAM = 4096;

  /**
   * Counters since construction.
   *
   * @param hits lookups answered from the cache
   * @param misses lookups that simulated
   * @param footprintWidenings programs that used more on a later arch than on their first run
   * @param programs distinct programs held
   * @param results stored results held
   */
  public record Stats(long hits, long misses, long footprintWidenings, int programs, long results) {}

  /** A program with its hash computed once (decoder-layer and LM-head programs are long). */
  private static final class ProgramKey {
    private final List<Instruction> program;
    private final int hash;

    ProgramKey(List<Instruction> program) {
      this.program = List.copyOf(program);
      this.hash = this.program.hashCode();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ProgramKey p && p.hash == hash && p.program.equals(program);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** One program: its footprint and its results per arch view (least recently used first). */
  private static final class ProgramEntry {
    GroupFootprint footprint;
    final LinkedHashMap<ArchConfig, SimulationResult> results = new LinkedHashMap<>(16, 0.75f, true);

    ProgramEntry(GroupFootprint footprint) {
      this.footprint = footprint;
    }
  }

  private final long maxWeight;
  private final LinkedHashMap<ProgramKey, ProgramEntry> programs = new LinkedHashMap<>(64, 0.75f, true);
  private long weight;
  private long results;
  private long hits;
  private long misses;
  private long widenings;

  public LayerGroupCache() {
    this(DEFAULT_MAX_WEIGHT);
  }

  /** @param maxWeight budget: retained instructions plus {@value #RESULT_WEIGHT} per stored result */
  public LayerGroupCache(long maxWeight) {
    if (maxWeight <= 0) {
      throw new IllegalArgumentException("layer group cache budget must be > 0 instructions, got " + maxWeight);
    }
    this.maxWeight = maxWeight;
  }

  /** {@code runner.timingOnly(program)}, or the stored result of an identical program on an equivalent arch. */
  public SimulationResult timingOnly(SimulationRunner runner, List<Instruction> program) {
    ProgramKey key = new ProgramKey(program);
    ArchConfig arch = runner.arch();
    synchronized (this) {
      ProgramEntry e = programs.get(key);
      if (e != null) {
        SimulationResult r = e.results.get(e.footprint.archView(arch));
        if (r != null) {
          hits++;
          return r;
        }
      }
      misses++;
    }
    SimulationResult fresh = runner.timingOnly(program);
    store(key, arch, fresh, GroupFootprint.of(fresh.stats()));
    return fresh;
  }

  private synchronized void store(ProgramKey key, ArchConfig arch, SimulationResult fresh, GroupFootprint used) {
    ProgramEntry e = programs.get(key);
    if (e == null) {
      e = new ProgramEntry(used);
      programs.put(key, e);
      weight += key.program.size();
    } else if (!e.footprint.covers(used)) {
      // The footprint depended on the arch: results keyed on the narrower view may not transfer.
      widenings++;
      dropResults(e);
      e.footprint = GroupFootprint.ALL;
    }
    if (e.results.put(e.footprint.archView(arch), fresh) == null) {
      results++;
      weight += RESULT_WEIGHT;
      if (e.results.size() > MAX_RESULTS_PER_PROGRAM) {
        Iterator<ArchConfig> it = e.results.keySet().iterator();
        it.next();
        it.remove();
        results--;
        weight -= RESULT_WEIGHT;
      }
    }
    Iterator<Map.Entry<ProgramKey, ProgramEntry>> it = programs.entrySet().iterator();
    while (weight > maxWeight && it.hasNext()) {
      Map.Entry<ProgramKey, ProgramEntry> eldest = it.next();
      if (eldest.getValue() == e) {
        continue;
      }
      dropResults(eldest.getValue());
      weight -= eldest.getKey().program.size();
      it.remove();
    }
  }

  private void dropResults(ProgramEntry e) {
    results -= e.results.size();
    weight -= (long) RESULT_WEIGHT * e.results.size();
    e.results.clear();
  }

  public synchronized Stats stats() {
    return new Stats(hits, misses, widenings, programs.size(), results);
  }
}
