package dev.tritium.cli.report.svg;

import java.util.List;

/**
 * Maps data values (the domain) to pixel positions (the range) and chooses the tick values of its
 * axis. The range may run backwards (a y axis maps its minimum to the bottom pixel).
 */
public sealed interface Scale permits LinearScale, LogScale {

  double domainMin();

  double domainMax();

  double rangeStart();

  double rangeEnd();

  /** The pixel position of {@code v}. */
  double map(double v);

  /** Tick values, ascending, all inside the domain. */
  List<Double> ticks();

  /** The axis label of a tick. */
  String tickLabel(double tick);

  /** The same domain and ticks onto other pixels. */
  Scale withRange(double start, double end);

  /** Whether {@code v} can be drawn on this scale (a log scale has no place for zero or negatives). */
  default boolean accepts(double v) {
    return Double.isFinite(v);
  }
}
