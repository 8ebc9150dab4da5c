package dev.tritium.mapper.tiling;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.LoopOrder;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.mapper.bitlinear.MappingTraffic;
import dev.tritium.mapper.bitlinear.SramLayout;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.stats.SimulationStats;
import java.util.Locale;

/**
 * Prints a chosen mapping in the spirit of Timeloop's map.txt: one block per storage level (DRAM,
 * the on-chip buffers, the array) with the loops it owns, their bounds, the bytes it holds or moves,
 * then the simulated figures and the estimate's error.
 */
public final class MapText {

  private MapText() {}

  public static String render(String title, ArchConfig arch, SearchResult r) {
    SimulatedCandidate best = r.best();
    Mapping m = best.candidate().mapping();
    BitLinearShape s = r.shape();
    SramLayout sram = best.candidate().sram();
    MappingTraffic t = MappingTraffic.of(s, m);
    StringBuilder b = new StringBuilder();
    b.append(title).append('\n');
    b.append(String.format(Locale.ROOT, "unit %s, packing %s (%.3g bits/weight), objective %s; %d mappings enumerated, "
        + "%d legal, %d simulated%n", unitText(arch, m), m.packing().modelsName(),
        8.0 * m.packing().packedRowBytes(s.inFeatures()) / s.inFeatures(), r.objective().label(), r.enumerated(),
        r.legal(), r.simulated().size()));
    b.append(String.format(Locale.ROOT, "DRAM [ weights %d B x %d pass(es), input fp32 %d B, output fp32 %d B ]%n",
        t.weightBytes(), t.weightPasses(), t.inputBytes(), t.outputBytes()));
    b.append(loop(1, "m", s.tokens(), m.tileM(), "M tiles"));
    if (m.order() == LoopOrder.K_OUTER) {
      b.append(loop(2, "k", s.inFeatures(), m.blockK(), "K blocks (tables built once)"));
      b.append(loop(3, "n", s.outFeatures(), m.blockN(), "N blocks, one LOOP.GEMM each"));
    } else {
      b.append(loop(2, "n", s.outFeatures(), m.blockN(), "N blocks"));
      b.append(loop(3, "k", s.inFeatures(), m.blockK(), m.unit() == ComputeUnit.LUT ? "K blocks, one LOOP.GEMM each"
          : "one LOOP.GEMM per N block"));
    }
    b.append(String.format(Locale.ROOT, "%s[ WGT %d B (2 slots x %d) | ACT %d B | ACC %d B | LUT %d B | VEC %d B ]"
        + " of [ %d | %d | %d | %d | %d ]%n", indent(3),
        sram.bytesUsed(Buffer.WGT), sram.slotBytes(), sram.bytesUsed(Buffer.ACT), sram.bytesUsed(Buffer.ACC),
        sram.bytesUsed(Buffer.LUT), sram.bytesUsed(Buffer.VEC), size(arch, Buffer.WGT), size(arch, Buffer.ACT),
        size(arch, Buffer.ACC), size(arch, Buffer.LUT), size(arch, Buffer.VEC)));
    b.append(loop(4, "n", Math.min(m.blockN(), s.outFeatures()), m.tileN(), "weight tiles, double-buffered (LOOP.GEMM)"));
    b.append(loop(5, "k", Math.min(m.blockK(), s.inFeatures()), m.tileK(), "int32 accumulation across K tiles"));
    if (m.unit() == ComputeUnit.MAC) {
      int rows = arch.macArray().rows();
      int cols = arch.macArray().cols();
      b.append(String.format(Locale.ROOT, "%sarray %dx%d %s: spatial k:%d x n:%d, temporal m:%d; folds per tile "
          + "ceil(%d/%d) x ceil(%d/%d)%n", indent(5), rows, cols, arch.macArray().dataflow(), rows, cols,
          Math.min(m.tileM(), s.tokens()), m.tileK(), rows, m.tileN(), cols));
    } else {
      b.append(String.format(Locale.ROOT, "%sLUT core g=%d %s: %d lookups/cycle, tables shared by %d rows%n", indent(5),
          arch.lutCore().groupSize(), arch.lutCore().variant(), arch.lutCore().lookupsPerCycle(),
          arch.lutCore().tableSharingRows()));
    }
    SimulationStats st = best.simulation().stats();
    String unit = m.unit() == ComputeUnit.MAC ? "mac_array" : "lut_core";
    b.append(String.format(Locale.ROOT, "simulated: %d cycles = %.2f us at %.0f MHz; %s utilization %.1f%%, "
        + "dma_load %.1f%%; DRAM %.2f GB/s of %.1f; energy %.4g pJ%n", st.totalCycles(), st.totalNs() / 1000,
        st.clockMhz(), unit, 100 * st.unit(unit).utilization(), 100 * st.unit("dma_load").utilization(),
        st.dram().achievedGBps(), arch.dram().peakBandwidthGBps(), best.energyPj()));
    Estimate e = best.candidate().estimate();
    b.append(String.format(Locale.ROOT, "estimate: %d cycles (compute %d, dram %d, fill/drain %d, %s-bound), "
        + "error %+.1f%% vs simulation; max |error| over simulated candidates %.1f%%%n", e.totalCycles(),
        e.computeCycles(), e.dramCycles(), e.fillDrainCycles(), e.memoryBound() ? "memory" : "compute",
        100 * best.cycleErrorFraction(), 100 * r.maxCycleErrorFraction()));
    return b.toString();
  }

  private static String unitText(ArchConfig arch, Mapping m) {
    return m.unit() == ComputeUnit.MAC ? "mac_array " + arch.macArray().rows() + "x" + arch.macArray().cols()
        : "lut_core g=" + arch.lutCore().groupSize();
  }

  private static long size(ArchConfig arch, Buffer b) {
    var c = arch.buffers().get(Machine.configBufferName(b));
    return c == null ? 0 : c.sizeBytes();
  }

  private static String loop(int depth, String var, int extent, int step, String what) {
    int trips = (extent + step - 1) / step;
    return String.format(Locale.ROOT, "%sfor %s in [0:%d) step %d  (%d trip%s: %s)%n", indent(depth), var, extent,
        step, trips, trips == 1 ? "" : "s", what);
  }

  private static String indent(int depth) {
    return "|" + "  ".repeat(depth);
  }
}
