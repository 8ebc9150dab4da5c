package dev.tritium.simulator.stats;

import java.util.List;
import java.util.Locale;

/**
 * Everything one run measured. Every counter is documented in simulator/README.md ("Counters").
 *
 * @param totalCycles cycles from the first dispatch to the completion of the last instruction
 * @param clockMhz the accelerator clock the cycles count
 * @param instructions instructions executed (macro expansions counted one by one; FINISH and the
 *     LOOP.WEIGHTS / LOOP.BOUNDS dispatcher registers not counted)
 * @param units per-unit cycle accounting
 * @param queues per-queue counts
 * @param buffers per-buffer traffic and conflicts
 * @param dram the DRAM channel
 * @param overlap cycles per combination of busy queues
 */
public record SimulationStats(
    long totalCycles,
    double clockMhz,
    long instructions,
    List<UnitStats> units,
    List<QueueStats> queues,
    List<BufferStats> buffers,
    DramStats dram,
    OverlapStats overlap) {

  public SimulationStats {
    units = List.copyOf(units);
    queues = List.copyOf(queues);
    buffers = List.copyOf(buffers);
  }

  /** Simulated time in ns at the clock. */
  public double totalNs() {
    return totalCycles * 1000.0 / clockMhz;
  }

  /** The named unit's stats. */
  public UnitStats unit(String name) {
    return units.stream().filter(u -> u.unit().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no unit '" + name + "'"));
  }

  /** The named buffer's stats. */
  public BufferStats buffer(String name) {
    return buffers.stream().filter(b -> b.buffer().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no buffer '" + name + "'"));
  }

  /** A plain-text report: one table per kind of counter. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "total_cycles %d (%.3f us at %.1f MHz), instructions %d%n",
        totalCycles, totalNs() / 1000.0, clockMhz, instructions));
    sb.append(String.format(Locale.ROOT, "%-12s %8s %14s %16s %16s %14s %12s%n", "unit", "instrs",
        "busy_cycles", "wait_data_cycles", "wait_token_cycles", "idle_cycles", "utilization"));
    for (UnitStats u : units) {
      sb.append(String.format(Locale.ROOT, "%-12s %8d %14d %16d %16d %14d %11.1f%%%n", u.unit(),
          u.instructions(), u.busyCycles(), u.waitDataCycles(), u.waitTokenCycles(), u.idleCycles(),
          100 * u.utilization()));
    }
    sb.append(String.format(Locale.ROOT, "%-8s %8s %18s%n", "queue", "instrs", "queue_full_cycles"));
    for (QueueStats q : queues) {
      sb.append(String.format(Locale.ROOT, "%-8s %8d %18d%n", q.queue(), q.instructions(), q.queueFullCycles()));
    }
    sb.append(String.format(Locale.ROOT, "%-6s %14s %14s %16s %20s %20s%n", "buffer", "read_bytes",
        "written_bytes", "port_busy_cycles", "port_conflict_cycles", "bank_conflict_cycles"));
    for (BufferStats b : buffers) {
      sb.append(String.format(Locale.ROOT, "%-6s %14d %14d %16d %20d %20d%n", b.buffer(), b.bytesRead(),
          b.bytesWritten(), b.portBusyCycles(), b.portConflictCycles(), b.bankConflictCycles()));
    }
    sb.append(String.format(Locale.ROOT,
        "dram: transfers %d, read_bytes %d, written_bytes %d, bus_bytes %d, bus_busy_cycles %d,"
            + " achieved %.3f GBps, burst_efficiency %.3f%n",
        dram.transfers(), dram.bytesRead(), dram.bytesWritten(), dram.busBytes(), dram.busBusyCycles(),
        dram.achievedGBps(), dram.burstEfficiency()));
    OverlapStats o = overlap;
    sb.append(String.format(Locale.ROOT,
        "overlap_cycles: none %d, load %d, compute %d, store %d, load+compute %d, load+store %d,"
            + " compute+store %d, all %d%n",
        o.noneBusyCycles(), o.loadOnlyCycles(), o.computeOnlyCycles(), o.storeOnlyCycles(),
        o.loadComputeCycles(), o.loadStoreCycles(), o.computeStoreCycles(), o.allBusyCycles()));
    return sb.toString();
  }
}
