package dev.tritium.simulator.engine;

import dev.tritium.traces.TraceSink;
import dev.tritium.traces.TraceSinks;
import java.util.Objects;

/**
 * How to run a program.
 *
 * @param forceSerial debugging switch: every instruction waits until the previous one in program
 *     order has completed (no overlap between queues at all)
 * @param queueCapacity instructions each queue holds before the dispatcher stalls (the dispatcher
 *     reads the program in order, so a full queue also holds back the other queues)
 * @param values the value semantics (functional execution) or {@link ValueSemantics#NONE}
 * @param trace where per-instruction and per-DMA events go ({@link TraceSinks#none()} = off)
 */
public record EngineOptions(boolean forceSerial, int queueCapacity, ValueSemantics values, TraceSink trace,
    long maxCycles) {

  /** Default queue depth (instructions per queue). ASSUMED; VTA's command queues are of this order. */
  public static final int DEFAULT_QUEUE_CAPACITY = 64;

  /** No cycle budget: the run ends at FINISH (the validator already bounds the instruction count). */
  public static final long UNLIMITED_CYCLES = Long.MAX_VALUE;

  /** Options without a cycle budget. */
  public EngineOptions(boolean forceSerial, int queueCapacity, ValueSemantics values, TraceSink trace) {
    this(forceSerial, queueCapacity, values, trace, UNLIMITED_CYCLES);
  }

  public EngineOptions {
    if (maxCycles < 1) {
      throw new IllegalArgumentException("cycle budget must be >= 1, got " + maxCycles);
    }
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(trace, "trace");
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queue capacity must be >= 1, got " + queueCapacity);
    }
  }

  /** Timing only, overlapping queues, default depth, no trace. */
  public static EngineOptions timingOnly() {
    return new EngineOptions(false, DEFAULT_QUEUE_CAPACITY, ValueSemantics.NONE, TraceSinks.none());
  }

  public EngineOptions withForceSerial(boolean v) {
    return new EngineOptions(v, queueCapacity, values, trace, maxCycles);
  }

  public EngineOptions withQueueCapacity(int v) {
    return new EngineOptions(forceSerial, v, values, trace, maxCycles);
  }

  public EngineOptions withValues(ValueSemantics v) {
    return new EngineOptions(forceSerial, queueCapacity, v, trace, maxCycles);
  }

  public EngineOptions withTrace(TraceSink v) {
    return new EngineOptions(forceSerial, queueCapacity, values, v, maxCycles);
  }

  /** The same options with a cycle budget: the run stops with a {@link SimulationException} past it. */
  public EngineOptions withMaxCycles(long v) {
    return new EngineOptions(forceSerial, queueCapacity, values, trace, v);
  }
}
