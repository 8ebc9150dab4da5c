package dev.tritium.simulator.energy.accounting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Priced action counts of one run (or of several, summed): every entry with its count, unit energy and
 * sources; dynamic energy split by level (compute, each SRAM buffer, DRAM); static energy apart.
 *
 * <p>The cross-check's "energy per action class == count x table energy" is
 * {@code report.entry(cls).orElseThrow().totalPj() == count * model.price(action).pJ()}; the per-class
 * totals are {@link #byActionClass()}.
 *
 * @param entries priced lines in a stable order (compute, then SRAM buffers, then DRAM)
 * @param staticEnergy leakage over the runtime
 * @param costModel what {@code CostModel.describe()} said: tables, reference nodes, target node, law
 */
public record EnergyReport(List<EnergyEntry> entries, StaticEnergy staticEnergy, String costModel) {

  public EnergyReport {
    entries = List.copyOf(entries);
  }

  /** Sum of every entry, pJ. */
  public double dynamicPj() {
    return entries.stream().mapToDouble(EnergyEntry::totalPj).sum();
  }

  public double staticPj() {
    return staticEnergy.staticPj();
  }

  /** Dynamic + static, pJ. */
  public double totalPj() {
    return dynamicPj() + staticPj();
  }

  /** Dynamic energy of the datapaths, pJ. */
  public double computePj() {
    return levelPj(EnergyLevel.COMPUTE);
  }

  /** Dynamic energy of SRAM and DRAM, pJ. */
  public double memoryPj() {
    return entries.stream().filter(e -> e.level().memory()).mapToDouble(EnergyEntry::totalPj).sum();
  }

  /** Dynamic energy of one level, pJ (0 when the level has no entry). */
  public double levelPj(EnergyLevel level) {
    return entries.stream().filter(e -> e.level().equals(level)).mapToDouble(EnergyEntry::totalPj).sum();
  }

  /** Dynamic energy of all SRAM buffers, pJ. */
  public double sramPj() {
    return entries.stream().filter(e -> e.level() instanceof EnergyLevel.Sram).mapToDouble(EnergyEntry::totalPj)
        .sum();
  }

  /** Dynamic pJ by level label ({@code compute}, {@code sram.weight}, ..., {@code dram}), in entry order. */
  public Map<String, Double> byLevel() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (EnergyEntry e : entries) {
      out.merge(e.level().label(), e.totalPj(), Double::sum);
    }
    return out;
  }

  /** Dynamic pJ by action class, in entry order. */
  public Map<String, Double> byActionClass() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (EnergyEntry e : entries) {
      out.merge(e.actionClass(), e.totalPj(), Double::sum);
    }
    return out;
  }

  /** The entry of an action class, if the run performed it. */
  public Optional<EnergyEntry> entry(String actionClass) {
    return entries.stream().filter(e -> e.actionClass().equals(actionClass)).findFirst();
  }

  /** Dynamic pJ of the entries whose action class starts with {@code prefix} (e.g. {@code mac_array.}). */
  public double pjOf(String prefix) {
    return entries.stream().filter(e -> e.actionClass().startsWith(prefix)).mapToDouble(EnergyEntry::totalPj).sum();
  }

  /** Every count (and the runtime) multiplied by {@code factor}: one simulated layer as n layers. */
  public EnergyReport times(long factor) {
    return new EnergyReport(entries.stream().map(e -> e.times(factor)).toList(), staticEnergy.times(factor),
        costModel);
  }

  /**
   * Two reports as one: entries of the same action class and action are merged (counts added), others
   * appended in order; runtimes and static energies add.
   */
  public EnergyReport plus(EnergyReport o) {
    List<EnergyEntry> merged = new ArrayList<>(entries);
    for (EnergyEntry e : o.entries) {
      int i = indexOf(merged, e);
      if (i < 0) {
        merged.add(e);
      } else {
        merged.set(i, merged.get(i).withCount(Math.addExact(merged.get(i).count(), e.count())));
      }
    }
    merged.sort(java.util.Comparator.comparingInt(EnergyReport::levelRank));
    return new EnergyReport(merged, staticEnergy.plus(o.staticEnergy), costModel);
  }

  private static int indexOf(List<EnergyEntry> list, EnergyEntry e) {
    for (int i = 0; i < list.size(); i++) {
      EnergyEntry x = list.get(i);
      if (x.actionClass().equals(e.actionClass()) && x.action().equals(e.action())) {
        return i;
      }
    }
    return -1;
  }

  private static int levelRank(EnergyEntry e) {
    EnergyLevel l = e.level();
    return l instanceof EnergyLevel.Compute ? 0 : l instanceof EnergyLevel.Sram ? 1 : 2;
  }
}
