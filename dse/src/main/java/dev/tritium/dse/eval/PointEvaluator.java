package dev.tritium.dse.eval;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.dse.sweep.Workload;
import dev.tritium.simulator.config.ArchConfig;

/**
 * Maps the workload onto one design and simulates it (timing only). Implementations must be
 * deterministic (same inputs, same result, whatever the thread) and thread-safe: one instance serves
 * every worker thread of an executor, so that per-layer results are shared across points.
 */
public interface PointEvaluator {

  /**
   * Latency and switching energy of one workload step.
   *
   * @param arch a validated arch
   * @throws IllegalArgumentException when the workload cannot be mapped on this design; the message
   *     becomes the point's {@code reason}
   */
  WorkloadResult evaluate(ArchConfig arch, ComputeUnit unit, Workload workload);
}
