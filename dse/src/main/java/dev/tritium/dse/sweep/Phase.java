package dev.tritium.dse.sweep;

import java.util.Locale;

/** Which inference phase a sweep evaluates. */
public enum Phase {
  /** One new token with {@code context} positions already in the KV cache. */
  DECODE,
  /** {@code tokens} prompt tokens from an empty cache. */
  PREFILL;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
