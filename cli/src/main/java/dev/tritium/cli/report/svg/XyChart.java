package dev.tritium.cli.report.svg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An x-y chart on two value scales (linear or log): points (scatter), polylines, a swatch legend and an
 * optional colour bar in the right margin. Lines are clipped to the plot area; points must lie in the
 * scales' domains (callers build the scales from the data).
 */
public final class XyChart {

  /**
   * One scatter mark.
   *
   * @param cssClass extra classes besides {@code mark} (e.g. {@code front})
   * @param label text drawn right of the point, or null
   */
  public record Point(double x, double y, double radius, String fill, String cssClass, String tooltip, String label) {}

  /**
   * One polyline in data coordinates.
   *
   * @param label text drawn at vertex {@code labelIndex}, above the line, or null
   * @param labelAnchor start, middle or end
   */
  public record Line(List<Double> xs, List<Double> ys, String stroke, String cssClass, String tooltip, String label,
      int labelIndex, String labelAnchor) {

    public Line {
      xs = List.copyOf(xs);
      ys = List.copyOf(ys);
      if (xs.size() != ys.size() || xs.isEmpty()) {
        throw new IllegalArgumentException("line: expected as many x as y values, at least one");
      }
    }
  }

  /** Points closer than this (px) share a label. */
  static final double SAME_SPOT_PX = 3;

  private final String id;
  private final String ariaLabel;
  private final Frame frame;
  private final Scale x;
  private final Scale y;
  private final String xTitle;
  private final String yTitle;
  private final List<Point> points = new ArrayList<>();
  private final List<Line> lines = new ArrayList<>();
  private final List<Legend.Entry> legend = new ArrayList<>();
  private ColourScale colourBar;
  private String colourBarTitle;

  /** The scales' ranges are set here from the frame; pass them with any range. */
  public XyChart(String id, String ariaLabel, Frame frame, Scale x, Scale y, String xTitle, String yTitle) {
    this.id = id;
    this.ariaLabel = ariaLabel;
    this.frame = frame;
    this.x = x.withRange(frame.left(), frame.right());
    this.y = y.withRange(frame.bottom(), frame.top());
    this.xTitle = xTitle;
    this.yTitle = yTitle;
  }

  public XyChart points(List<Point> p) {
    for (Point pt : p) {
      if (!x.accepts(pt.x()) || !y.accepts(pt.y())) {
        throw new IllegalArgumentException("chart " + id + ": point (" + pt.x() + ", " + pt.y()
            + ") cannot be placed on its scales");
      }
    }
    points.addAll(p);
    return this;
  }

  public XyChart line(Line l) {
    lines.add(l);
    return this;
  }

  public XyChart legend(List<Legend.Entry> entries) {
    legend.addAll(entries);
    return this;
  }

  public XyChart colourBar(ColourScale colours, String title) {
    this.colourBar = colours;
    this.colourBarTitle = title;
    return this;
  }

  /** The pixel scales (ranges set from the frame). */
  public Scale xScale() {
    return x;
  }

  public Scale yScale() {
    return y;
  }

  /**
   * Labels by the first point at each spot: points drawn within {@link #SAME_SPOT_PX} of each other share
   * one label listing their names, so coincident points stay readable.
   */
  Map<Point, String> mergedLabels() {
    Map<Point, String> out = new LinkedHashMap<>();
    for (Point p : points) {
      if (p.label() == null) {
        continue;
      }
      Point owner = null;
      for (Point q : out.keySet()) {
        if (Math.hypot(x.map(p.x()) - x.map(q.x()), y.map(p.y()) - y.map(q.y())) <= SAME_SPOT_PX) {
          owner = q;
          break;
        }
      }
      if (owner == null) {
        out.put(p, p.label());
      } else {
        out.put(owner, out.get(owner) + ", " + p.label());
      }
    }
    return out;
  }

  public String render() {
    Svg svg = new Svg().open(id, frame.width(), frame.height(), ariaLabel);
    Axes.draw(svg, frame, x, y, xTitle, yTitle);
    String clipId = id + "-plot-area";
    svg.clipRect(clipId, frame.left(), frame.top(), frame.plotWidth(), frame.plotHeight());
    svg.openClippedGroup("lines", clipId);
    for (Line l : lines) {
      double[] px = new double[l.xs().size()];
      double[] py = new double[px.length];
      for (int i = 0; i < px.length; i++) {
        px[i] = x.map(l.xs().get(i));
        py[i] = y.map(l.ys().get(i));
      }
      svg.path(Svg.polylineData(px, py), "mark line " + l.cssClass(), l.stroke(), l.tooltip());
    }
    svg.closeGroup();
    for (Line l : lines) {
      if (l.label() != null) {
        int i = l.labelIndex();
        svg.text(x.map(l.xs().get(i)), y.map(l.ys().get(i)) - 6, l.label(), "line-label", l.labelAnchor(), 0);
      }
    }
    svg.openGroup("points");
    for (Point p : points) {
      svg.circle(x.map(p.x()), y.map(p.y()), p.radius(), "mark point " + p.cssClass(), p.fill(), p.tooltip());
    }
    LabelLayout labels = new LabelLayout();
    for (Map.Entry<Point, String> e : mergedLabels().entrySet()) {
      Point p = e.getKey();
      LabelLayout.Placement at = labels.place(x.map(p.x()), y.map(p.y()), p.radius(), e.getValue());
      svg.text(at.x(), at.y(), e.getValue(), "point-label", at.anchor(), 0);
    }
    svg.closeGroup();
    double legendX = frame.right() + 18;
    Legend.swatches(svg, legendX, frame.top(), legend);
    if (colourBar != null) {
      Legend.colourBar(svg, id, legendX, frame.top() + Legend.swatchesHeight(legend.size()) + 34,
          Math.min(140, frame.marginRight() - 30), colourBar, colourBarTitle);
    }
    return svg.close().toString();
  }
}
