package dev.tritium.cli.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * A base-10 logarithmic scale over whole decades; ticks at every decade (every second or third one when
 * the axis spans many decades, so labels never crowd).
 *
 * @param minDecade log10 of the domain minimum
 * @param maxDecade log10 of the domain maximum
 */
public record LogScale(int minDecade, int maxDecade, double rangeStart, double rangeEnd) implements Scale {

  /** Beyond this many labelled decades, labels thin out. */
  static final int MAX_LABELS = 9;

  public LogScale {
    if (maxDecade <= minDecade) {
      throw new IllegalArgumentException("log scale: expected at least one decade, got 10^" + minDecade + "..10^"
          + maxDecade);
    }
  }

  /** The decades covering {@code [min, max]}; both must be positive. */
  public static LogScale decades(double min, double max, double rangeStart, double rangeEnd) {
    if (!(min > 0) || !(max >= min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException("log scale: expected 0 < min <= max (finite), got " + min + ", " + max);
    }
    int lo = (int) Math.floor(Math.log10(min));
    int hi = (int) Math.ceil(Math.log10(max));
    if (hi == lo) {
      hi++;
    }
    return new LogScale(lo, hi, rangeStart, rangeEnd);
  }

  @Override
  public double domainMin() {
    return Math.pow(10, minDecade);
  }

  @Override
  public double domainMax() {
    return Math.pow(10, maxDecade);
  }

  @Override
  public double map(double v) {
    if (!accepts(v)) {
      throw new IllegalArgumentException("log scale: cannot place " + v + " (needs a positive value)");
    }
    return rangeStart + (Math.log10(v) - minDecade) / (maxDecade - minDecade) * (rangeEnd - rangeStart);
  }

  @Override
  public List<Double> ticks() {
    int span = maxDecade - minDecade;
    int every = (span + MAX_LABELS - 1) / MAX_LABELS;
    List<Double> t = new ArrayList<>();
    for (int d = minDecade; d <= maxDecade; d += every) {
      t.add(Math.pow(10, d));
    }
    return t;
  }

  @Override
  public String tickLabel(double tick) {
    return TickFormat.si(tick);
  }

  @Override
  public LogScale withRange(double start, double end) {
    return new LogScale(minDecade, maxDecade, start, end);
  }

  @Override
  public boolean accepts(double v) {
    return v > 0 && Double.isFinite(v);
  }
}
