package dev.tritium.isa;

/**
 * The three in-order instruction queues. Each queue executes its instructions in program order and
 * they complete in that order; only dependency tokens order instructions of different queues.
 * Neighbours: LOAD &lt;-&gt; COMPUTE &lt;-&gt; STORE (LOAD has no previous queue, STORE no next queue).
 */
public enum Queue {
  LOAD,
  COMPUTE,
  STORE;

  /** The binary code of this queue (the SYNC {@code queue} field); equal to the ordinal, append-only. */
  public int code() {
    return ordinal();
  }

  /** The previous neighbour, or null for LOAD. */
  public Queue prev() {
    return this == LOAD ? null : values()[ordinal() - 1];
  }

  /** The next neighbour, or null for STORE. */
  public Queue next() {
    return this == STORE ? null : values()[ordinal() + 1];
  }

  /** Lower-case name used in messages ("load", "compute", "store"). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
