package dev.tritium.isa.validate;

import dev.tritium.isa.Queue;

/** The four token counters between neighbouring queues. */
public enum TokenCounter {
  /** "data loaded": pushed by load push_next, popped by compute pop_prev. */
  LOAD_TO_COMPUTE(Queue.LOAD, Queue.COMPUTE),
  /** "load buffer free": pushed by compute push_prev, popped by load pop_next. */
  COMPUTE_TO_LOAD(Queue.COMPUTE, Queue.LOAD),
  /** "result ready": pushed by compute push_next, popped by store pop_prev. */
  COMPUTE_TO_STORE(Queue.COMPUTE, Queue.STORE),
  /** "store buffer free": pushed by store push_prev, popped by compute pop_next. */
  STORE_TO_COMPUTE(Queue.STORE, Queue.COMPUTE);

  private final Queue from;
  private final Queue to;

  TokenCounter(Queue from, Queue to) {
    this.from = from;
    this.to = to;
  }

  /** The queue whose instructions push this counter. */
  public Queue from() {
    return from;
  }

  /** The queue whose instructions pop this counter. */
  public Queue to() {
    return to;
  }

  /** e.g. {@code load->compute}. */
  public String label() {
    return from.label() + "->" + to.label();
  }

  /** The counter between two neighbouring queues. */
  public static TokenCounter between(Queue from, Queue to) {
    for (TokenCounter c : values()) {
      if (c.from == from && c.to == to) {
        return c;
      }
    }
    throw new IllegalArgumentException(from + " and " + to + " are not neighbours");
  }

  /** The counter a pop_prev (prev=true) or pop_next of an instruction in queue q pops. */
  public static TokenCounter popped(Queue q, boolean prev) {
    return between(prev ? q.prev() : q.next(), q);
  }

  /** The counter a push_prev (prev=true) or push_next of an instruction in queue q pushes. */
  public static TokenCounter pushed(Queue q, boolean prev) {
    return between(q, prev ? q.prev() : q.next());
  }
}
