package dev.tritium.dse.sweep;

/** What values a sweep parameter takes; decides which axis forms are allowed and how values print. */
public enum ValueKind {
  /** Whole numbers > 0 (lists, {@code from/to/step} ranges, powers of two). */
  INTEGER,
  /** Decimal numbers > 0 (lists, {@code from/to/step} ranges); printed without trailing zeros. */
  DECIMAL,
  /** One of a fixed set of names (lists only). */
  CHOICE,
  /** A weight-format spec such as {@code bitnet-w1} (lists only); printed as the preset's canonical name. */
  FORMAT
}
