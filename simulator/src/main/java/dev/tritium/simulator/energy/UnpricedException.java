package dev.tritium.simulator.energy;

/**
 * A design performs an action (or contains a component) that no table prices. There is never a default
 * figure: the message names the action and the tables searched, and says how to add an entry.
 */
public final class UnpricedException extends IllegalArgumentException {

  private final String key;

  UnpricedException(String key, String detail) {
    super(detail);
    this.key = key;
  }

  /** The unpriced key, e.g. {@code dram_read{kind=lpddr5}}. */
  public String key() {
    return key;
  }
}
