package dev.tritium.dse;

import dev.tritium.dse.eval.PointEvaluator;
import dev.tritium.dse.eval.PointEvaluatorFactory;
import dev.tritium.dse.eval.WorkloadResult;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.simulator.config.ArchConfig;

/**
 * A deterministic stand-in for the mapper in tests: a roofline of 10^9 ternary pairs over the PEs
 * (LUT: over 4 x lookups per cycle) against 5 x 10^8 DRAM bytes, plus 1000 cycles; energy 10 pJ per DRAM
 * byte plus 0.01 pJ per pair. A LUT point with group size 2 "cannot be mapped". The system property
 * {@code dse.fake.delayMs} slows each evaluation (for the kill-and-resume test).
 */
public final class FakeEvaluatorFactory implements PointEvaluatorFactory {

  private static final long serialVersionUID = 1L;
  public static final long PAIRS = 1_000_000_000L;
  public static final long DRAM_BYTES = 500_000_000L;

  @Override
  public PointEvaluator create() {
    long delayMs = Long.getLong("dse.fake.delayMs", 0);
    return (arch, unit, workload) -> {
      if (delayMs > 0) {
        try {
          Thread.sleep(delayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return evaluate(arch, unit);
    };
  }

  /** The fake's formula, also used by tests to compute expected rows by hand. */
  public static WorkloadResult evaluate(ArchConfig arch, ComputeUnit unit) {
    if (unit == ComputeUnit.LUT && arch.lutCore().groupSize() == 2) {
      throw new IllegalArgumentException("fake mapper: LUT group size 2 is not supported");
    }
    long perCycle = unit == ComputeUnit.MAC ? arch.macArray().peCount() : 4L * arch.lutCore().lookupsPerCycle();
    long compute = (PAIRS + perCycle - 1) / perCycle;
    long memory = (long) Math.ceil(DRAM_BYTES / arch.dram().peakBytesPerCycle(arch.clockMhz()));
    return new WorkloadResult(Math.max(compute, memory) + 1000, DRAM_BYTES * 10.0 + PAIRS * 0.01);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FakeEvaluatorFactory;
  }

  @Override
  public int hashCode() {
    return 17;
  }
}
