package dev.tritium.cli.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear scale whose domain is widened to whole multiples of a "nice" tick step (1, 2 or 5 times a
 * power of ten), so the axis starts and ends on a labelled tick.
 *
 * @param domainMin first tick
 * @param domainMax last tick
 * @param step distance between ticks
 */
public record LinearScale(double domainMin, double domainMax, double step, double rangeStart, double rangeEnd)
    implements Scale {

  public LinearScale {
    if (!(domainMax > domainMin) || !(step > 0) || !Double.isFinite(domainMin) || !Double.isFinite(domainMax)) {
      throw new IllegalArgumentException("linear scale: expected finite min < max and step > 0, got [" + domainMin
          + ", " + domainMax + "] step " + step);
    }
  }

  /**
   * The nice scale covering {@code [min, max]} with about {@code targetTicks} intervals. A zero-width
   * data range (one value) is widened to one step either side so the point sits mid-axis.
   */
  public static LinearScale nice(double min, double max, int targetTicks, double rangeStart, double rangeEnd) {
    if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
      throw new IllegalArgumentException("linear scale: expected finite min <= max, got " + min + ", " + max);
    }
    if (targetTicks < 1) {
      throw new IllegalArgumentException("linear scale: expected at least one tick interval, got " + targetTicks);
    }
    if (min == max) {
      double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
      min -= pad;
      max += pad;
    }
    double step = niceStep((max - min) / targetTicks);
    // The 1e-9 slack keeps 0.3 / 0.1 = 2.9999999999999996 from adding a tick; the checks after it keep
    // the data inside the domain when the slack (or cleaning) overshoots.
    double lo = clean(Math.floor(min / step + 1e-9) * step, step);
    double hi = clean(Math.ceil(max / step - 1e-9) * step, step);
    if (lo > min) {
      lo = clean(lo - step, step);
    }
    if (hi < max) {
      hi = clean(hi + step, step);
    }
    return new LinearScale(lo, hi, step, rangeStart, rangeEnd);
  }

  /** The smallest 1, 2 or 5 x 10^k that is at least {@code rough}. */
  public static double niceStep(double rough) {
    if (!(rough > 0) || !Double.isFinite(rough)) {
      throw new IllegalArgumentException("tick step: expected a positive finite value, got " + rough);
    }
    double pow = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * pow >= rough * (1 - 1e-9)) {
        return m * pow;
      }
    }
    return 10 * pow;
  }

  @Override
  public double map(double v) {
    return rangeStart + (v - domainMin) / (domainMax - domainMin) * (rangeEnd - rangeStart);
  }

  @Override
  public List<Double> ticks() {
    List<Double> t = new ArrayList<>();
    long first = Math.round(domainMin / step);
    long last = Math.round(domainMax / step);
    for (long k = first; k <= last; k++) {
      t.add(clean(k * step, step));
    }
    return t;
  }

  @Override
  public String tickLabel(double tick) {
    return TickFormat.linear(tick, step);
  }

  @Override
  public LinearScale withRange(double start, double end) {
    return new LinearScale(domainMin, domainMax, step, start, end);
  }

  /** Removes float noise such as 0.30000000000000004 from a multiple of step. */
  private static double clean(double v, double step) {
    double unit = Math.pow(10, Math.floor(Math.log10(step)) - 3);
    double r = Math.round(v / unit) * unit;
    return r == 0 ? 0 : r;
  }
}
