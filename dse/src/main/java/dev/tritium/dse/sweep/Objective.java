package dev.tritium.dse.sweep;

import java.io.Serializable;

/** One axis of the Pareto front. */
public record Objective(Metric metric, Goal goal) implements Serializable {

  private static final long serialVersionUID = 1L;
}
