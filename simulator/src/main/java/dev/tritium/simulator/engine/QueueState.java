package dev.tritium.simulator.engine;

import dev.tritium.isa.Queue;
import java.util.ArrayDeque;

/**
 * One in-order queue: instructions waiting, and up to {@code slots} in flight (the DMA engines' channels;
 * 1 for the compute queue). In-flight instructions complete in order.
 */
final class QueueState {

  /** An instruction that has started; {@code end} is its in-order completion cycle. */
  record InFlight(SourcedInstruction instruction, UnitId unit, long end) {}

  final Queue queue;
  /** Ordinals of the neighbour queues, or -1 (Queue.prev()/next() allocate). */
  final int prev;
  final int next;
  final int capacity;
  final int slots;
  final ArrayDeque<SourcedInstruction> waiting;
  final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private final int[] inFlightPerUnit = new int[UnitId.values().length];
  long lastEnd;
  long executed;
  long queueFullCycles;

  QueueState(Queue queue, int capacity, int slots) {
    this.queue = queue;
    this.prev = queue.prev() == null ? -1 : queue.prev().ordinal();
    this.next = queue.next() == null ? -1 : queue.next().ordinal();
    this.capacity = capacity;
    this.slots = slots;
    this.waiting = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  boolean full() {
    return waiting.size() >= capacity;
  }

  boolean hasFreeSlot() {
    return inFlight.size() < slots;
  }

  void launch(InFlight f) {
    inFlight.addLast(f);
    if (f.unit() != null) {
      inFlightPerUnit[f.unit().ordinal()]++;
    }
  }

  InFlight retire() {
    InFlight f = inFlight.pollFirst();
    if (f.unit() != null) {
      inFlightPerUnit[f.unit().ordinal()]--;
    }
    return f;
  }

  /** True if an instruction for unit u is in flight. */
  boolean runs(UnitId u) {
    return inFlightPerUnit[u.ordinal()] > 0;
  }
}
