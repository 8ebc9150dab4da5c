package dev.tritium.simulator.engine;

import dev.tritium.isa.Queue;

/** The timed units; each belongs to exactly one instruction queue. */
public enum UnitId {
  DMA_LOAD(Queue.LOAD),
  MAC_ARRAY(Queue.COMPUTE),
  LUT_CORE(Queue.COMPUTE),
  VECTOR_UNIT(Queue.COMPUTE),
  DMA_STORE(Queue.STORE);

  private final Queue queue;

  UnitId(Queue queue) {
    this.queue = queue;
  }

  /** The queue that issues to this unit. */
  public Queue queue() {
    return queue;
  }

  /** Lower-case name used in stats, traces and messages (e.g. {@code mac_array}). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
