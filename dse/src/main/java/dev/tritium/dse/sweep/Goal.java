package dev.tritium.dse.sweep;

import java.util.Locale;

/** Whether an objective is minimised or maximised. */
public enum Goal {
  MIN,
  MAX;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Negative when {@code a} is better than {@code b}, 0 when equal. */
  public int compare(double a, double b) {
    return this == MIN ? Double.compare(a, b) : Double.compare(b, a);
  }
}
