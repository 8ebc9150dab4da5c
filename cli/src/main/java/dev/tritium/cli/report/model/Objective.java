package dev.tritium.cli.report.model;

/**
 * One objective of a sweep, as sweep.json lists it.
 *
 * @param metric the results.csv column (unit in its name), e.g. {@code latency_ms}
 * @param minimise true for {@code min}, false for {@code max}
 */
public record Objective(String metric, boolean minimise) {

  /** Negative when a is better than b. */
  public int compare(double a, double b) {
    return minimise ? Double.compare(a, b) : Double.compare(b, a);
  }
}
