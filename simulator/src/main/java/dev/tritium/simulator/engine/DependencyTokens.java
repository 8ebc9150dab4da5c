package dev.tritium.simulator.engine;

import dev.tritium.isa.Deps;
import dev.tritium.isa.Queue;
import java.util.StringJoiner;

/**
 * The VTA-style dependency-token protocol between neighbouring queues: a completing instruction pushes a
 * token towards the neighbour its flags name; a starting instruction pops one from each neighbour it
 * names, and cannot start until each such counter is positive.
 */
final class DependencyTokens {

  private static final Queue[] QUEUES = Queue.values();

  /** counts[from][to]: pushed by queue "from" for its neighbour "to", not yet popped. */
  private final long[][] counts = new long[QUEUES.length][QUEUES.length];

  /** Pushes the tokens of an instruction of queue {@code q} that completed. */
  void push(QueueState q, Deps d) {
    if (d.pushPrev()) {
      counts[q.queue.ordinal()][q.prev]++;
    }
    if (d.pushNext()) {
      counts[q.queue.ordinal()][q.next]++;
    }
  }

  /** Pops the tokens of an instruction of queue {@code q} that starts; {@link #missing} said none is missing. */
  void pop(QueueState q, Deps d) {
    if (d.popPrev()) {
      counts[q.prev][q.queue.ordinal()]--;
    }
    if (d.popNext()) {
      counts[q.next][q.queue.ordinal()]--;
    }
  }

  /** The queue whose token a pop of {@code si} still waits on, or null if all its pops succeed. */
  Queue missing(QueueState q, SourcedInstruction si) {
    Deps d = si.instruction().deps();
    if (d.popPrev()) {
      int from = neighbour(q, q.prev, si, "pop_prev");
      if (counts[from][q.queue.ordinal()] == 0) {
        return QUEUES[from];
      }
    }
    if (d.popNext()) {
      int from = neighbour(q, q.next, si, "pop_next");
      if (counts[from][q.queue.ordinal()] == 0) {
        return QUEUES[from];
      }
    }
    return null;
  }

  private static int neighbour(QueueState q, int n, SourcedInstruction si, String flag) {
    if (n < 0) {
      throw new SimulationException(si.describe() + ": " + flag + " set, but the " + q.queue.label()
          + " queue has no such neighbour");
    }
    return n;
  }

  /** A program must pop every token it pushes: leftovers at FINISH mean its synchronisation is wrong. */
  void checkBalanceAtFinish(long cycle) {
    StringJoiner leftovers = new StringJoiner("; ");
    for (Queue from : QUEUES) {
      for (Queue to : QUEUES) {
        long n = counts[from.ordinal()][to.ordinal()];
        if (n != 0) {
          leftovers.add(from.label() + "->" + to.label() + " has " + n + " token" + (n == 1 ? "" : "s")
              + " pushed but never popped");
        }
      }
    }
    if (leftovers.length() > 0) {
      throw new SimulationException("token imbalance at FINISH (cycle " + cycle + "): " + leftovers);
    }
  }
}
