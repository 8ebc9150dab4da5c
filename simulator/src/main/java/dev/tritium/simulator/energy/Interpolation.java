package dev.tritium.simulator.energy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How a figure is derived for a width or capacity that no entry gives exactly. Points are first
 * scaled to the target node; the derivation happens at the target node.
 *
 * <ul>
 *   <li>{@link #LINEAR}: linear between the two bracketing points; outside them, the nearest segment
 *       extended. Used for adders: a ripple or prefix adder's energy and area grow about linearly
 *       with width.
 *   <li>{@link #LOG_LOG}: a power law between the two bracketing points (linear in log value vs log
 *       x); outside them, the nearest segment's exponent. Used for multipliers (about quadratic) and
 *       SRAM capacity (CACTI-style sub-linear growth).
 * </ul>
 *
 * With a single point both fall back to {@code value * (x / x0) ^ singlePointExponent}, the exponent
 * the kind declares and documents.
 */
public enum Interpolation {
  LINEAR,
  LOG_LOG;

  /** The result and a phrase saying how it was obtained. */
  record Result(double value, String how) {}

  /**
   * Derives the value at {@code x} from points keyed by x (all already at the target node).
   *
   * @param points at least one point, keyed by positive x
   */
  Result at(NavigableMap<Long, Double> points, double x, double singlePointExponent) {
    if (points.isEmpty()) {
      throw new IllegalStateException("no points to interpolate");
    }
    Double exact = x == Math.rint(x) ? points.get((long) x) : null;
    if (exact != null) {
      return new Result(exact, "exact");
    }
    if (points.size() == 1) {
      Map.Entry<Long, Double> only = points.firstEntry();
      double value = only.getValue() * Math.pow(x / only.getKey(), singlePointExponent);
      return new Result(value, "scaled from the single point " + only.getKey() + " as (x/x0)^"
          + singlePointExponent);
    }
    List<Map.Entry<Long, Double>> segment = segment(points, x);
    Map.Entry<Long, Double> lo = segment.get(0);
    Map.Entry<Long, Double> hi = segment.get(1);
    boolean inside = x > lo.getKey() && x < hi.getKey();
    String verb = inside ? "interpolated" : "extrapolated";
    double value;
    if (this == LINEAR) {
      double t = (x - lo.getKey()) / (hi.getKey() - lo.getKey());
      value = lo.getValue() + t * (hi.getValue() - lo.getValue());
      return new Result(value, verb + " linearly between " + lo.getKey() + " and " + hi.getKey());
    }
    double exponent = Math.log(hi.getValue() / lo.getValue()) / Math.log((double) hi.getKey() / lo.getKey());
    value = lo.getValue() * Math.pow(x / lo.getKey(), exponent);
    return new Result(value, String.format(Locale.ROOT,
        "%s log-log between %d and %d (exponent %.3f)", verb, lo.getKey(), hi.getKey(), exponent));
  }

  /** The two points bracketing x, or the nearest two when x lies outside. */
  private static List<Map.Entry<Long, Double>> segment(NavigableMap<Long, Double> points, double x) {
    Map.Entry<Long, Double> floor = points.floorEntry((long) Math.floor(x));
    Map.Entry<Long, Double> ceiling = points.ceilingEntry((long) Math.ceil(x));
    if (floor == null) {
      return List.of(points.firstEntry(), points.higherEntry(points.firstKey()));
    }
    if (ceiling == null) {
      return List.of(points.lowerEntry(points.lastKey()), points.lastEntry());
    }
    return List.of(floor, ceiling);
  }

  /** Convenience for tests and callers with plain maps. */
  static NavigableMap<Long, Double> points(Map<Long, Double> map) {
    return new TreeMap<>(map);
  }
}
