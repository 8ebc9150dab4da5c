package dev.tritium.cli.report.svg;

import java.util.List;

/**
 * Axis drawing: grid lines, axis lines, tick labels and axis titles. Titles carry the unit, e.g.
 * "latency (ms)"; callers pass it in. The x scale must map onto [frame.left, frame.right] and the y
 * scale onto [frame.bottom, frame.top].
 */
public final class Axes {

  static final double TICK = 5;

  /** Log axes spanning at most this many decades also get minor grid lines at 2..9 x 10^k. */
  static final int MINOR_GRID_MAX_DECADES = 6;

  private Axes() {}

  /** Both value axes of an x-y chart. */
  public static void draw(Svg svg, Frame f, Scale x, Scale y, String xTitle, String yTitle) {
    svg.openGroup("axes");
    for (double t : minorTicks(x)) {
      svg.line(x.map(t), f.top(), x.map(t), f.bottom(), "grid minor");
    }
    for (double t : minorTicks(y)) {
      svg.line(f.left(), y.map(t), f.right(), y.map(t), "grid minor");
    }
    for (double t : x.ticks()) {
      double px = x.map(t);
      svg.line(px, f.top(), px, f.bottom(), "grid");
      svg.line(px, f.bottom(), px, f.bottom() + TICK, "tick-mark");
      svg.text(px, f.bottom() + TICK + 13, x.tickLabel(t), "tick", "middle", 0);
    }
    valueLeft(svg, f, y);
    svg.line(f.left(), f.bottom(), f.right(), f.bottom(), "axis");
    svg.text((f.left() + f.right()) / 2, f.height() - 8, xTitle, "axis-title", "middle", 0);
    leftTitle(svg, f, yTitle);
    svg.closeGroup();
  }

  /** A value y axis with a category x axis (bar charts); {@code centres} are the categories' x pixels. */
  public static void drawCategories(Svg svg, Frame f, List<String> categories, double[] centres, Scale y,
      String xTitle, String yTitle) {
    svg.openGroup("axes");
    valueLeft(svg, f, y);
    svg.line(f.left(), f.bottom(), f.right(), f.bottom(), "axis");
    double slot = f.plotWidth() / Math.max(1, categories.size());
    // Long names are turned so neighbours never overlap (about 6.5 px per character at 11 px).
    boolean turn = categories.stream().mapToInt(String::length).max().orElse(0) * 6.5 > slot;
    for (int i = 0; i < categories.size(); i++) {
      if (turn) {
        svg.text(centres[i] + 4, f.bottom() + 12, categories.get(i), "tick", "end", -35);
      } else {
        svg.text(centres[i], f.bottom() + TICK + 13, categories.get(i), "tick", "middle", 0);
      }
    }
    svg.text((f.left() + f.right()) / 2, f.height() - 8, xTitle, "axis-title", "middle", 0);
    leftTitle(svg, f, yTitle);
    svg.closeGroup();
  }

  private static void valueLeft(Svg svg, Frame f, Scale y) {
    for (double t : y.ticks()) {
      double py = y.map(t);
      svg.line(f.left(), py, f.right(), py, "grid");
      svg.line(f.left() - TICK, py, f.left(), py, "tick-mark");
      svg.text(f.left() - TICK - 3, py + 4, y.tickLabel(t), "tick", "end", 0);
    }
    svg.line(f.left(), f.top(), f.left(), f.bottom(), "axis");
  }

  private static void leftTitle(Svg svg, Frame f, String title) {
    svg.text(16, (f.top() + f.bottom()) / 2, title, "axis-title", "middle", -90);
  }

  /** 2..9 x 10^k inside a log scale's domain; none for linear scales or wide log scales. */
  static List<Double> minorTicks(Scale s) {
    if (!(s instanceof LogScale log) || log.maxDecade() - log.minDecade() > MINOR_GRID_MAX_DECADES) {
      return List.of();
    }
    java.util.ArrayList<Double> t = new java.util.ArrayList<>();
    for (int d = log.minDecade(); d < log.maxDecade(); d++) {
      for (int k = 2; k <= 9; k++) {
        t.add(k * Math.pow(10, d));
      }
    }
    return t;
  }
}
