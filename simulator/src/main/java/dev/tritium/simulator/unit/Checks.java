package dev.tritium.simulator.unit;

/** Argument checks shared by the unit models: a broken invariant is bad input, named by the message. */
public final class Checks {

  private Checks() {}

  /** Throws IllegalArgumentException(message) unless ok. */
  public static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
