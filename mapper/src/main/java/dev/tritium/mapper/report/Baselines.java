package dev.tritium.mapper.report;

import dev.tritium.isa.Buffer;
import dev.tritium.mapper.model.GroupRun;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.schedule.ProjectionLowering;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.unit.mac.TernaryMacArrayConfig;
import dev.tritium.simulator.unit.mac.WeightDatatype;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.accounting.EnergyAccounting;
import dev.tritium.simulator.energy.accounting.EnergyReport;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.functional.MemoryTraffic;
import dev.tritium.simulator.stats.BufferStats;
import dev.tritium.simulator.stats.DramStats;
import dev.tritium.simulator.stats.SimulationStats;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The same model call on a baseline MAC array (int4, int8 or fp16 weights) of the same size, buffers
 * and DRAM, derived from a simulated ternary MAC-array call.
 *
 * <p>The ISA's weight packings are ternary only, so the mapper cannot compile a baseline program. What
 * is done instead, per report group, on the ternary run's counts and engine stats:
 * <ol>
 *   <li>Weight bytes: a projection group's weight-buffer traffic (the DMA writes of WGT are exactly the
 *       weight bytes loaded from DRAM; the array's WGT reads) is multiplied by baseline bytes / ternary
 *       packed bytes of that projection (n x ceil(k x bits / 8) vs the arch's ternary packing); the extra
 *       bytes are added to the DRAM reads and bus bytes. Activations, accumulators, KV cache, LM head
 *       (already int8) and the vector unit are unchanged.
 *   <li>Arithmetic: the counts are priced on the arch with {@code mac_array.weight_datatype} set to the
 *       baseline, so every weight-activation pair is one baseline MAC ({@code MacDatapaths.macAction};
 *       fp16 accumulates in fp16, the BitNet papers' accounting).
 *   <li>Latency: per report group, the simulated ternary cycles, or the group's DRAM bus cycles plus
 *       the extra bytes at peak bandwidth when that is longer (weights stream double-buffered, so extra
 *       bytes hide under compute until the bus saturates; memory-bound decode then grows with the bytes).
 *       The bound with the extra bytes fully serialised is reported alongside. Compute cycles are taken
 *       as unchanged (same array, same tiles in time).
 *   <li>Static energy: the baseline design's area (baseline PEs) x leakage x its latency.
 * </ol>
 */
public final class Baselines {

  private Baselines() {}

  /** The arch with another MAC-array weight datatype, everything else unchanged. */
  public static ArchConfig withWeightDatatype(ArchConfig arch, WeightDatatype dt) {
    TernaryMacArrayConfig m = arch.macArray();
    return arch.withMacArray(m.withWeightDatatype(dt))
        .withName(arch.name() + "-" + dt.name().toLowerCase(Locale.ROOT));
  }

  /**
   * The baseline of a ternary call.
   *
   * @param ternaryArch the arch the ternary call ran on (ternary weights, MAC array)
   * @param cost the cost model the ternary call was priced with
   */
  public static BaselineComparison compare(ModelEnergyReport ternary, ModelConfig c, ArchConfig ternaryArch,
      ProjectionLowering lowering, CostModel cost, WeightDatatype dt) {
    if (dt == WeightDatatype.TERNARY) {
      throw new IllegalArgumentException("--baseline: expected fp16, int8 or int4, got ternary");
    }
    if (ternaryArch.macArray().weightDatatype() != WeightDatatype.TERNARY) {
      throw new IllegalArgumentException("arch '" + ternaryArch.name() + "': mac_array.weight_datatype must be ternary"
          + " for a comparison with a baseline");
    }
    ArchConfig baseArch = withWeightDatatype(ternaryArch, dt);
    EnergyAccounting acc = new EnergyAccounting(baseArch, cost);
    List<GroupRun> groups = new ArrayList<>();
    long extra = 0;
    long baselineDram = 0;
    long ternaryDram = 0;
    for (GroupRun g : ternary.groups()) {
      if (g.run().counts().lutPairs().pairs() != 0) {
        throw new IllegalArgumentException("group " + g.group() + " ran on the LUT core; baselines are derived from"
            + " MAC-array runs (use the mac unit)");
      }
      double ratio = weightRatio(g, c, lowering, dt);
      SimulationResult scaled = scaleWeights(g.run(), ratio);
      long delta = scaled.counts().traffic().dramReadBytes() - g.run().counts().traffic().dramReadBytes();
      extra += delta * g.repeats();
      baselineDram += dramBytes(scaled) * g.repeats();
      ternaryDram += dramBytes(g.run()) * g.repeats();
      groups.add(GroupRun.priced(g.group(), g.repeats(), scaled, acc));
    }
    double bytesPerMs = ternaryArch.dram().peakBandwidthGBps() * 1e6;
    double latency = retimedMs(ternary, groups, ternaryArch.dram().peakBytesPerCycle(ternaryArch.clockMhz()));
    double serialised = ternary.latencyMs() + extra / bytesPerMs;
    String note = String.format(Locale.ROOT, "re-timed per group from the simulated ternary run: max(group cycles,"
        + " DRAM bus cycles with %,d extra weight bytes at %.1f GB/s) = %.4f ms; %.4f ms if the extra bytes"
        + " were serialised", extra, ternaryArch.dram().peakBandwidthGBps(), latency, serialised);
    ModelEnergyReport base = new ModelEnergyReport(ternary.model(), baseArch.name(), ternary.phase(), ternary.shape(),
        ternary.estimate(), groups, ModelEnergy.total(groups, acc.area(), latency * 1e6), acc.area(),
        ModelFootprint.baseline(c, dt), latency, note);
    return new BaselineComparison(ternary, base, dt, extra, serialised, ternaryDram / bytesPerMs / ternary.latencyMs());
  }

  /**
   * The baseline's latency: each group's share of the simulated call ({@code ModelEstimate} rows) grows
   * by max(1, (bus cycles + extra bus cycles) / cycles) of its standalone run, i.e. the extra weight
   * bytes overlap the group's compute (double-buffered weight streaming) until the DRAM bus saturates.
   */
  static double retimedMs(ModelEnergyReport ternary, List<GroupRun> baselineGroups, double busBytesPerCycle) {
    Map<String, Long> rowCycles = new java.util.HashMap<>();
    ternary.estimate().rows().forEach(r -> rowCycles.put(r.group(), r.cycles()));
    double cycles = ternary.estimate().totalCycles();
    for (int i = 0; i < baselineGroups.size(); i++) {
      SimulationResult t = ternary.groups().get(i).run();
      SimulationResult b = baselineGroups.get(i).run();
      long extraBytes = b.stats().dram().busBytes() - t.stats().dram().busBytes();
      if (extraBytes == 0 || t.cycles() == 0) {
        continue;
      }
      double bus = t.stats().dram().busBusyCycles() + extraBytes / busBytesPerCycle;
      double factor = Math.max(1.0, bus / t.cycles());
      Long row = rowCycles.get(ternary.groups().get(i).group());
      if (row == null) {
        throw new IllegalStateException("estimate has no row for group " + ternary.groups().get(i).group());
      }
      cycles += row * (factor - 1);
    }
    return cycles / (ternary.estimate().clockMhz() * 1000.0);
  }

  /** Baseline bytes / ternary packed bytes of a projection group's weights; 1 for other groups. */
  static double weightRatio(GroupRun g, ModelConfig c, ProjectionLowering lowering, WeightDatatype dt) {
    long wgtLoaded = g.run().counts().traffic().sramWrittenBytes(Buffer.WGT);
    LayerKind kind = projectionOf(g.group());
    if (kind == null) {
      if (wgtLoaded != 0) {
        throw new IllegalStateException("group " + g.group() + " loads " + wgtLoaded + " weight-buffer bytes but is"
            + " not a ternary projection");
      }
      return 1.0;
    }
    int n = kind.outFeatures(c);
    int k = kind.inFeatures(c);
    return (double) ModelFootprint.baselineBytes(n, k, dt) / lowering.weightBytes(n, k);
  }

  private static LayerKind projectionOf(String group) {
    for (LayerKind k : LayerKind.projections()) {
      if (k.label().equals(group)) {
        return k;
      }
    }
    return null;
  }

  private static long dramBytes(SimulationResult r) {
    return r.stats().dram().busBytes();
  }

  /** The run with its weight-buffer traffic scaled by {@code ratio}, the extra loads read from DRAM. */
  static SimulationResult scaleWeights(SimulationResult r, double ratio) {
    if (ratio == 1.0) {
      return r;
    }
    ActionCounts c = r.counts();
    MemoryTraffic t = c.traffic();
    long loaded = t.sramWrittenBytes(Buffer.WGT);
    long delta = scale(loaded, ratio) - loaded;
    Map<Buffer, Long> reads = new EnumMap<>(t.sramReadBytes());
    Map<Buffer, Long> writes = new EnumMap<>(t.sramWrittenBytes());
    reads.put(Buffer.WGT, scale(t.sramReadBytes(Buffer.WGT), ratio));
    writes.put(Buffer.WGT, loaded + delta);
    ActionCounts counts = new ActionCounts(c.macArray(), c.lutPairs(), c.lut(), c.int8Macs(), c.fp32Ops(),
        new MemoryTraffic(reads, writes, t.dramReadBytes() + delta, t.dramWrittenBytes()), c.floatArray(),
        c.codeArray(), c.maskDecodes(), c.intArray(), c.bitPlane());
    SimulationStats s = r.stats();
    List<BufferStats> buffers = new ArrayList<>();
    for (BufferStats b : s.buffers()) {
      buffers.add(b.buffer().equals(Buffer.WGT.name())
          ? new BufferStats(b.buffer(), scale(b.bytesRead(), ratio), scale(b.bytesWritten(), ratio), b.portBusyCycles(),
              b.portConflictCycles(), b.bankConflictCycles())
          : b);
    }
    DramStats d = s.dram();
    DramStats dram = new DramStats(d.transfers(), d.bytesRead() + delta, d.bytesWritten(), d.busBytes() + delta,
        d.busBusyCycles(), d.achievedGBps(), d.burstEfficiency());
    SimulationStats stats = new SimulationStats(s.totalCycles(), s.clockMhz(), s.instructions(), s.units(), s.queues(),
        buffers, dram, s.overlap());
    return new SimulationResult(stats, counts);
  }

  private static long scale(long bytes, double ratio) {
    return Math.round(bytes * ratio);
  }

  /** Arithmetic energy of the BitLinear matrix multiplications (ternary add/sub/skip or baseline MACs), pJ. */
  public static double matmulPj(EnergyReport r) {
    return r.pjOf("mac_array.ternary_") + r.pjOf("mac_array.baseline_mac");
  }
}
