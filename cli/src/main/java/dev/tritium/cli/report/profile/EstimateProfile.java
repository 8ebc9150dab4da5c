package dev.tritium.cli.report.profile;

import dev.tritium.cli.report.model.AreaRecord;
import dev.tritium.cli.report.model.DesignInfo;
import dev.tritium.cli.report.model.DesignProfile;
import dev.tritium.cli.report.model.EnergyRecord;
import dev.tritium.cli.report.model.LayerTiming;
import dev.tritium.cli.report.read.DesignReader;
import dev.tritium.mapper.model.EstimateRow;
import dev.tritium.mapper.model.GroupRun;
import dev.tritium.mapper.report.ModelEnergyReport;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.energy.accounting.AreaRow;
import dev.tritium.simulator.energy.accounting.EnergyEntry;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.stats.DramStats;
import dev.tritium.simulator.stats.SimulationStats;
import dev.tritium.simulator.stats.UnitStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The report's design profile of a priced model call ({@code ModelEnergyReport}, what {@code tritium
 * estimate} computes): one {@link LayerTiming} per report group, energy per group / unit / action, area
 * per unit, and the design's peaks.
 *
 * <ul>
 *   <li>latency of a group = its cycles in the model estimate (the overlapped whole-layer simulation that
 *       {@code tritium estimate} prints), so the bars add up to the call's latency;
 *   <li>the compute / memory-bound split comes from the group's standalone simulation: compute = busy
 *       cycles of its busiest compute unit (mac_array, lut_core, vector_unit); memory-bound = the most
 *       cycles any compute or DMA unit spent busy or waiting on memory (DRAM, or SRAM ports: its
 *       wait_data), less the compute cycles; the rest is dependency waits and idle time. The shares are
 *       applied to the group's latency;
 *   <li>ops = ternary weight-activation pairs (MAC array or LUT core) + int8 MACs + vector fp32 ops, one
 *       op each; DRAM bytes = useful bytes read and written; both times the group's repeats;
 *   <li>peak compute = pairs per cycle of the ternary unit used (MAC: rows x cols; LUT: lookups per cycle
 *       x group size) x clock; peak bandwidth = the DRAM's peak.
 * </ul>
 */
public final class EstimateProfile {

  static final Set<String> COMPUTE_UNITS = Set.of("mac_array", "lut_core", "vector_unit", "sparse_unit");
  static final Set<String> DMA_UNITS = Set.of("dma_load", "dma_store");

  private EstimateProfile() {}

  /**
   * @param parameters shown in the page's parameter table
   * @param pointId the sweep point this design is, when it is one
   */
  public static DesignProfile of(ModelEnergyReport r, ArchConfig arch, ComputeUnit unit, Map<String, String> parameters,
      OptionalLong pointId) {
    String workload = r.model() + " " + r.phase() + ", " + r.tokens() + " token(s), context " + r.shape().start();
    DesignInfo info = new DesignInfo(arch.name(), pointId, workload, arch.clockMhz(), peakOpsPerS(arch, unit),
        arch.dram().peakBandwidthGBps(), parameters);
    Map<String, Long> estimateCycles = new HashMap<>();
    for (EstimateRow row : r.estimate().rows()) {
      estimateCycles.merge(row.group(), row.cycles(), Long::sum);
    }
    List<LayerTiming> layers = new ArrayList<>();
    List<EnergyRecord> energy = new ArrayList<>();
    for (GroupRun g : r.groups()) {
      layers.add(timing(g, estimateCycles.get(g.group()), arch.clockMhz()));
      for (EnergyEntry e : g.energy().entries()) {
        energy.add(new EnergyRecord(g.group(), e.unit(), DesignReader.normaliseLevel(e.level().label()),
            e.actionClass(), e.totalPj()));
      }
    }
    List<AreaRecord> area = new ArrayList<>();
    for (AreaRow a : r.area().rows()) {
      area.add(new AreaRecord(a.unit(), a.totalUm2()));
    }
    return new DesignProfile(arch.name(), java.util.Optional.of(info), layers, energy, area);
  }

  /** Ternary pairs per second at the unit's peak. */
  public static double peakOpsPerS(ArchConfig arch, ComputeUnit unit) {
    double perCycle = unit == ComputeUnit.MAC ? (double) arch.macArray().rows() * arch.macArray().cols()
        : (double) arch.lutCore().lookupsPerCycle() * arch.lutCore().groupSize();
    return perCycle * arch.clockMhz() * 1e6;
  }

  /** @param estimateCycles the group's cycles in the model estimate, or null to use the standalone run */
  static LayerTiming timing(GroupRun g, Long estimateCycles, double clockMhz) {
    SimulationStats s = g.run().stats();
    long standalone = s.totalCycles();
    long compute = 0;
    long memory = 0;
    for (UnitStats u : s.units()) {
      if (COMPUTE_UNITS.contains(u.unit())) {
        compute = Math.max(compute, u.busyCycles());
      }
      if (COMPUTE_UNITS.contains(u.unit()) || DMA_UNITS.contains(u.unit())) {
        // A compute unit's wait_data is memory too: operands late from DRAM or SRAM ports held.
        memory = Math.max(memory, u.busyCycles() + u.waitDataCycles());
      }
    }
    compute = Math.min(compute, standalone);
    long memoryBound = Math.max(0, Math.min(memory - compute, standalone - compute));
    double nsPerCycle = 1000.0 / clockMhz;
    double latencyNs = (estimateCycles != null ? estimateCycles : standalone * (double) g.repeats()) * nsPerCycle;
    double computeNs = standalone == 0 ? 0 : latencyNs * compute / standalone;
    double memoryNs = standalone == 0 ? 0 : latencyNs * memoryBound / standalone;
    ActionCounts c = g.run().counts();
    double ops = (double) (c.macArray().pairs() + c.lutPairs().pairs() + c.int8Macs()
        + c.fp32Ops().values().stream().mapToLong(Long::longValue).sum()) * g.repeats();
    DramStats d = s.dram();
    double dramBytes = (double) (d.bytesRead() + d.bytesWritten()) * g.repeats();
    return new LayerTiming(g.group(), latencyNs, computeNs, memoryNs, ops, dramBytes);
  }
}
