package dev.tritium.cli.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * Vertical bars, one per category, each stacked from its series' values (bottom to top in series
 * order), on a linear y axis from zero; a swatch legend of the series in the right margin. A single
 * series gives plain bars.
 */
public final class StackedBarChart {

  /** One stacked component: its value in every category (same order as the categories). */
  public record Series(String name, String colour, List<Double> values) {

    public Series {
      values = List.copyOf(values);
      for (double v : values) {
        if (!(v >= 0) || !Double.isFinite(v)) {
          throw new IllegalArgumentException("bar series '" + name + "': expected finite values >= 0, got " + v);
        }
      }
    }
  }

  /** Share of a category slot a bar fills. */
  static final double BAR_FILL = 0.7;

  private final String id;
  private final String ariaLabel;
  private final Frame frame;
  private final List<String> categories;
  private final List<Series> series = new ArrayList<>();
  private final String xTitle;
  private final String yTitle;
  private final String valueUnit;

  /**
   * @param valueUnit appended to values in tooltips (e.g. "ns")
   */
  public StackedBarChart(String id, String ariaLabel, Frame frame, List<String> categories, String xTitle,
      String yTitle, String valueUnit) {
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("chart " + id + ": no categories to draw");
    }
    this.id = id;
    this.ariaLabel = ariaLabel;
    this.frame = frame;
    this.categories = List.copyOf(categories);
    this.xTitle = xTitle;
    this.yTitle = yTitle;
    this.valueUnit = valueUnit;
  }

  public StackedBarChart series(Series s) {
    if (s.values().size() != categories.size()) {
      throw new IllegalArgumentException("chart " + id + ": series '" + s.name() + "' has " + s.values().size()
          + " values for " + categories.size() + " categories");
    }
    series.add(s);
    return this;
  }

  /** Sum of every series in category {@code i}. */
  public double total(int i) {
    return series.stream().mapToDouble(s -> s.values().get(i)).sum();
  }

  /** The y scale: zero to the tallest stack, nice ticks, mapped onto the frame. */
  public LinearScale yScale() {
    double max = 0;
    for (int i = 0; i < categories.size(); i++) {
      max = Math.max(max, total(i));
    }
    return LinearScale.nice(0, max > 0 ? max : 1, 5, frame.bottom(), frame.top());
  }

  /** x pixel of category {@code i}'s centre. */
  public double centre(int i) {
    double slot = frame.plotWidth() / categories.size();
    return frame.left() + slot * (i + 0.5);
  }

  public String render() {
    Svg svg = new Svg().open(id, frame.width(), frame.height(), ariaLabel);
    LinearScale y = yScale();
    double[] centres = new double[categories.size()];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = centre(i);
    }
    Axes.drawCategories(svg, frame, categories, centres, y, xTitle, yTitle);
    double barWidth = frame.plotWidth() / categories.size() * BAR_FILL;
    svg.openGroup("bars");
    for (int i = 0; i < categories.size(); i++) {
      double base = 0;
      for (Series s : series) {
        double v = s.values().get(i);
        if (v > 0) {
          double top = y.map(base + v);
          svg.rect(centres[i] - barWidth / 2, top, barWidth, y.map(base) - top, "mark bar", s.colour(),
              categories.get(i) + " / " + s.name() + ": " + TickFormat.si(v) + " " + valueUnit + " ("
                  + percent(v, total(i)) + ")");
        }
        base += v;
      }
    }
    svg.closeGroup();
    List<Legend.Entry> entries = new ArrayList<>();
    for (int k = series.size() - 1; k >= 0; k--) { // top of the stack first, as the eye reads it
      entries.add(new Legend.Entry(series.get(k).name(), series.get(k).colour(), Legend.Shape.BOX));
    }
    Legend.swatches(svg, frame.right() + 18, frame.top(), entries);
    return svg.close().toString();
  }

  private static String percent(double v, double total) {
    return total > 0 ? String.format(java.util.Locale.ROOT, "%.1f%%", 100 * v / total) : "n/a";
  }
}
