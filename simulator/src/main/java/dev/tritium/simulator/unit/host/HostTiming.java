package dev.tritium.simulator.unit.host;

/**
 * One operator call on the host.
 *
 * @param macs multiply-accumulates
 * @param dramBytes bytes the host reads and writes in DRAM (weights, input, output)
 * @param computeUs time at the SIMD roofline: macs / (cores x clock x macs per cycle per core)
 * @param memoryUs time at the host's DRAM bandwidth
 * @param handoffUs the fixed hand-off
 * @param totalUs max(compute, memory) + hand-off
 */
public record HostTiming(long macs, long dramBytes, double computeUs, double memoryUs, double handoffUs,
    double totalUs) {

  /** The call's time in cycles of a clock of {@code clockMhz} (rounded up). */
  public long cyclesAt(double clockMhz) {
    return (long) Math.ceil(totalUs * clockMhz);
  }

  /** Which roofline bounds the call. */
  public String bound() {
    return computeUs >= memoryUs ? "compute-bound" : "memory-bound";
  }
}
