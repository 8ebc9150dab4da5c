package dev.tritium.cli.report.svg;

import java.util.List;

/** Legends: colour swatches for series, and a colour bar with ticks for a {@link ColourScale}. */
public final class Legend {

  /** How an entry's swatch is drawn. */
  public enum Shape { BOX, DOT, RING, LINE, DASHED_LINE }

  /** One legend entry. */
  public record Entry(String label, String colour, Shape shape) {}

  static final double ROW = 17;

  private Legend() {}

  /** Entries stacked downwards from (x, y) (the top-left corner). */
  public static void swatches(Svg svg, double x, double y, List<Entry> entries) {
    svg.openGroup("legend");
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      double cy = y + i * ROW + ROW / 2;
      switch (e.shape()) {
        case BOX -> svg.rect(x, cy - 5, 10, 10, "swatch", e.colour(), null);
        case DOT -> svg.circle(x + 5, cy, 4, "swatch", e.colour(), null);
        case RING -> svg.circle(x + 5, cy, 5, "swatch ring", "none", e.colour(), null);
        case LINE -> svg.path("M" + Svg.num(x - 2) + " " + Svg.num(cy) + " L" + Svg.num(x + 12) + " " + Svg.num(cy),
            "swatch-line", e.colour(), null);
        case DASHED_LINE -> svg.path("M" + Svg.num(x - 2) + " " + Svg.num(cy) + " L" + Svg.num(x + 12) + " "
            + Svg.num(cy), "swatch-line dashed", e.colour(), null);
      }
      svg.text(x + 17, cy + 4, e.label(), "legend-label", "start", 0);
    }
    svg.closeGroup();
  }

  /** Height of {@link #swatches} for {@code n} entries. */
  public static double swatchesHeight(int n) {
    return n * ROW;
  }

  /**
   * A horizontal colour bar of {@code width} px at (x, y) with the title above and nice ticks below; the
   * gradient's id is derived from {@code chartId} so several bars can share a page.
   */
  public static void colourBar(Svg svg, String chartId, double x, double y, double width, ColourScale colours,
      String title) {
    String gradientId = chartId + "-colour-bar";
    svg.openGroup("legend colour-bar");
    List<String> samples = new java.util.ArrayList<>();
    for (int i = 0; i <= 16; i++) {
      samples.add(colours.colour(colours.min() + (colours.max() - colours.min()) * i / 16.0));
    }
    svg.linearGradient(gradientId, samples);
    svg.text(x, y - 6, title, "legend-title", "start", 0);
    svg.rect(x, y, width, 10, "bar-gradient", "url(#" + gradientId + ")", null);
    if (colours.max() > colours.min()) {
      LinearScale s = LinearScale.nice(colours.min(), colours.max(), 3, x, x + width);
      for (double t : s.ticks()) {
        if (t >= colours.min() - 1e-12 * Math.abs(t) && t <= colours.max() + 1e-12 * Math.abs(t)) {
          double px = x + (t - colours.min()) / (colours.max() - colours.min()) * width;
          svg.line(px, y + 10, px, y + 14, "tick-mark");
          svg.text(px, y + 25, s.tickLabel(t), "tick", "middle", 0);
        }
      }
    } else {
      svg.text(x + width / 2, y + 25, TickFormat.si(colours.min()), "tick", "middle", 0);
    }
    svg.closeGroup();
  }
}
