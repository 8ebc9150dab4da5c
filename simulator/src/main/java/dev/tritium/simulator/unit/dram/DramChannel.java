package dev.tritium.simulator.unit.dram;

import static dev.tritium.simulator.unit.Checks.require;

import dev.tritium.common.IntMath;
import dev.tritium.simulator.unit.ResourceCalendar;

/**
 * The off-chip DRAM channel: peak bandwidth, access latency and burst size, seen from the accelerator
 * clock. A 2-D strided transfer of {@code rows} rows of {@code rowBytes}, row r starting at
 * {@code dramAddr + r * strideBytes}, moves every row as whole bursts at the row's alignment: a row
 * starting at byte a occupies bursts floor(a / B) .. floor((a + rowBytes - 1) / B). Rows back to back
 * (stride == rowBytes) are one contiguous run. It costs
 *
 * <pre>
 *   latency_cycles = ceil(latency_ns * clock_MHz / 1000)
 *   data_cycles    = ceil(bursts * burst_bytes / bytes_per_cycle),  bytes_per_cycle = peak_GBps * 1000 / clock_MHz
 * </pre>
 *
 * The data cycles occupy the channel's bus (a shared {@link ResourceCalendar}); the latency does not
 * (requests are pipelined, so another transfer's data may flow during this one's latency).
 * Burst efficiency = useful bytes / (bursts * burst_bytes).
 */
public final class DramChannel {

  private final double peakGBps;
  private final double latencyNs;
  private final int burstBytes;
  private final double clockMhz;
  private final double bytesPerCycle;
  private final long latencyCycles;
  private final ResourceCalendar bus = new ResourceCalendar();
  private final DramCounters counters = new DramCounters();

  /**
   * @param peakGBps peak bandwidth in GB/s (10^9 bytes per second)
   * @param latencyNs access latency in ns (first byte of a transfer)
   * @param burstBytes bytes per burst (the minimum transfer unit, a power of two)
   * @param clockMhz the accelerator clock the cycles are counted in
   */
  public DramChannel(double peakGBps, double latencyNs, int burstBytes, double clockMhz) {
    require(peakGBps > 0, "dram peak_GBps must be > 0, got " + peakGBps);
    require(latencyNs >= 0, "dram latency_ns must be >= 0, got " + latencyNs);
    require(burstBytes > 0, "dram burst_bytes must be > 0, got " + burstBytes);
    require(clockMhz > 0, "clock_MHz must be > 0, got " + clockMhz);
    this.peakGBps = peakGBps;
    this.latencyNs = latencyNs;
    this.burstBytes = burstBytes;
    this.clockMhz = clockMhz;
    this.bytesPerCycle = peakGBps * 1000.0 / clockMhz;
    this.latencyCycles = (long) Math.ceil(latencyNs * clockMhz / 1000.0 - 1e-9);
  }


  /** Cost of one 2-D strided transfer, without contention. */
  public DramTransfer transfer(long dramAddr, long rows, long rowBytes, long strideBytes) {
    require(rows >= 0 && rowBytes >= 0, "transfer rows and row_bytes must be >= 0");
    // Rows back to back in DRAM are one contiguous run: the engine does not round each row.
    long bursts = strideBytes == rowBytes
        ? bursts(dramAddr, 1, rows * rowBytes, 0, burstBytes)
        : bursts(dramAddr, rows, rowBytes, strideBytes, burstBytes);
    long busBytes = bursts * burstBytes;
    long dataCycles = cyclesForBytes(busBytes);
    return new DramTransfer(rows * rowBytes, bursts, busBytes, latencyCycles, dataCycles);
  }

  /** Bus cycles to move {@code bytes} at peak bandwidth (rounded up to whole cycles). */
  public long cyclesForBytes(long bytes) {
    return (long) Math.ceil(bytes / bytesPerCycle - 1e-9);
  }

  /**
   * Number of bursts touched by the rows. Each row's burst count depends only on its start offset
   * within a burst, which repeats with period B / gcd(stride mod B, B), so the sum is taken over one
   * period and multiplied: O(min(rows, burst_bytes)) work however many rows the transfer has.
   */
  static long bursts(long addr, long rows, long rowBytes, long strideBytes, int burst) {
    if (rows == 0 || rowBytes == 0) {
      return 0;
    }
    long strideMod = Math.floorMod(strideBytes, burst);
    long period = burst / IntMath.gcd(strideMod, burst);
    long periodRows = Math.min(period, rows);
    long perPeriod = 0;
    long tailRows = rows % periodRows;
    long tail = 0;
    for (long r = 0; r < periodRows; r++) {
      long offset = Math.floorMod(addr + r * strideMod, burst);
      long rowBursts = (offset + rowBytes + burst - 1) / burst;
      perPeriod += rowBursts;
      if (r < tailRows) {
        tail += rowBursts;
      }
    }
    return (rows / periodRows) * perPeriod + tail;
  }

  /** The channel's data bus, shared by the load and store DMA engines. */
  /** What the channel moved so far. */
  public DramCounters counters() {
    return counters;
  }

  public ResourceCalendar bus() {
    return bus;
  }

  public double peakGBps() {
    return peakGBps;
  }

  public double latencyNs() {
    return latencyNs;
  }

  public int burstBytes() {
    return burstBytes;
  }

  public double clockMhz() {
    return clockMhz;
  }

  public long latencyCycles() {
    return latencyCycles;
  }

  public double bytesPerCycle() {
    return bytesPerCycle;
  }
}
