package dev.tritium.dse.run;

/**
 * What a dse run did.
 *
 * @param points points in the sweep
 * @param resumed rows found finished in results.csv and not evaluated again
 * @param evaluated points evaluated by this run
 * @param ok, infeasible, failed final counts by status
 * @param paretoPoints rows of pareto.csv
 * @param seconds wall time of the evaluation phase
 */
public record SweepSummary(long points, long resumed, long evaluated, long ok, long infeasible, long failed,
    int paretoPoints, double seconds, String executor) {

  /** Points evaluated per minute by this run. */
  public double pointsPerMinute() {
    return seconds > 0 ? evaluated * 60.0 / seconds : 0;
  }
}
