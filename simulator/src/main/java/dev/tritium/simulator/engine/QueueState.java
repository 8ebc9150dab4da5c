package dev.tritium.simulator.engine;

import dev.tritium.isa.Queue;
import java.util.ArrayDeque;

/** One in-order queue: waiting instructions and the one executing (at most one). */
final class QueueState {

  final Queue queue;
  final int capacity;
  final ArrayDeque<SourcedInstruction> waiting;
  SourcedInstruction executing;
  UnitId executingUnit;
  long executingEnd;
  long executed;
  long queueFullCycles;

  QueueState(Queue queue, int capacity) {
    this.queue = queue;
    this.capacity = capacity;
    this.waiting = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  boolean full() {
    return waiting.size() >= capacity;
  }
}
