package dev.tritium.simulator.unit.host;

/**
 * The host CPU's timing: a roofline over its SIMD throughput and its DRAM bandwidth, plus one hand-off.
 *
 * <pre>
 *   macs       = m * n * k
 *   dram_bytes = n * k * weight_bits / 8 + 4 * m * (k + n)       weights, fp32 input rows, fp32 outputs
 *   compute_us = macs / (cores * clock_mhz * macs_per_cycle_per_core)
 *   memory_us  = dram_bytes / (dram_bandwidth_GBps * 1000)
 *   total_us   = max(compute_us, memory_us) + handoff_us
 * </pre>
 *
 * The weights are read once per call whatever m is (the GEMM is blocked over tokens), which is the roofline's
 * assumption; a host that misses it is slower than this model, never faster.
 */
public final class HostUnit {

  private final HostConfig config;

  public HostUnit(HostConfig config) {
    this.config = config;
  }

  /** A dense GEMM of m tokens, n outputs and k inputs on the host. */
  public HostTiming gemm(long m, long n, long k) {
    long macs = Math.multiplyExact(Math.multiplyExact(m, n), k);
    long weightBytes = (Math.multiplyExact(n, k) * config.weightBits() + 7) / 8;
    long bytes = Math.addExact(weightBytes, Math.multiplyExact(4L * m, k + n));
    double computeUs = macs / (config.cores() * config.clockMhz() * config.macsPerCyclePerCore());
    double memoryUs = bytes / (config.dramBandwidthGBps() * 1000.0);
    double total = Math.max(computeUs, memoryUs) + config.handoffUs();
    return new HostTiming(macs, bytes, computeUs, memoryUs, config.handoffUs(), total);
  }

  public HostConfig config() {
    return config;
  }
}
