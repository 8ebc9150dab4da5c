package dev.tritium.simulator.functional;

/** Where value-dependent counts came from. */
public enum CountSource {
  /** Counted while executing on the actual values (functional mode). */
  EXECUTED,
  /** Derived from per-tensor weight histograms supplied by the mapper (timing-only mode). */
  WEIGHT_HISTOGRAM,
  /** Not known: timing-only mode without histograms. */
  UNKNOWN
}
