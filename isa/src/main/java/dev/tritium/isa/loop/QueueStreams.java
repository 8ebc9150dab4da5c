package dev.tritium.isa.loop;

import dev.tritium.isa.Instruction;
import dev.tritium.isa.Queue;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The expanded program split into its three queues, lazily: asking a queue for its next instruction
 * pulls from the shared program-order stream and parks the other queues' instructions until they are
 * asked for. Memory is bounded by how far one queue runs ahead of the others, never by program size.
 */
public final class QueueStreams {

  private final Iterator<ExpandedInstruction> source;
  private final Map<Queue, ArrayDeque<ExpandedInstruction>> pending = new EnumMap<>(Queue.class);

  public QueueStreams(List<? extends Instruction> program) {
    this(LoopExpander.stream(program));
  }

  public QueueStreams(Iterator<ExpandedInstruction> source) {
    this.source = source;
    for (Queue q : Queue.values()) {
      pending.put(q, new ArrayDeque<>());
    }
  }

  /** True when the queue has another instruction. */
  public boolean hasNext(Queue q) {
    return fill(q);
  }

  /** The queue's next instruction without consuming it, or null when the queue is exhausted. */
  public ExpandedInstruction peek(Queue q) {
    return fill(q) ? pending.get(q).peekFirst() : null;
  }

  /** Consumes and returns the queue's next instruction, or null when the queue is exhausted. */
  public ExpandedInstruction next(Queue q) {
    return fill(q) ? pending.get(q).pollFirst() : null;
  }

  /** Instructions parked for a queue (for tests and memory accounting). */
  public int parked(Queue q) {
    return pending.get(q).size();
  }

  private boolean fill(Queue q) {
    ArrayDeque<ExpandedInstruction> mine = pending.get(q);
    while (mine.isEmpty() && source.hasNext()) {
      ExpandedInstruction e = source.next();
      pending.get(e.instruction().queue()).addLast(e);
    }
    return !mine.isEmpty();
  }
}
