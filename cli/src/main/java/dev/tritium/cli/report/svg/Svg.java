package dev.tritium.cli.report.svg;

import java.util.Locale;

/**
 * Appends SVG elements to a buffer. Coordinates are printed with two decimals (sub-pixel precision is
 * invisible and would only bloat the page); every text goes through {@link Xml#escape}. Data marks carry
 * {@code class="mark"} so tests (and the Chromium check) can count them, and a {@code <title>} child, which
 * browsers show as a tooltip without any script.
 */
public final class Svg {

  private final StringBuilder out = new StringBuilder(4096);

  /** Opens the root element; {@code id} names the chart in the page. */
  public Svg open(String id, double width, double height, String ariaLabel) {
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(Xml.escape(id))
        .append("\" class=\"chart\" role=\"img\" aria-label=\"").append(Xml.escape(ariaLabel))
        .append("\" width=\"").append(num(width)).append("\" height=\"").append(num(height))
        .append("\" viewBox=\"0 0 ").append(num(width)).append(' ').append(num(height)).append("\">\n");
    return this;
  }

  public Svg close() {
    out.append("</svg>\n");
    return this;
  }

  public Svg openGroup(String cssClass) {
    out.append("<g class=\"").append(Xml.escape(cssClass)).append("\">\n");
    return this;
  }

  public Svg openGroup(String cssClass, String transform) {
    out.append("<g class=\"").append(Xml.escape(cssClass)).append("\" transform=\"").append(Xml.escape(transform))
        .append("\">\n");
    return this;
  }

  /** A group clipped to the rectangle defined by {@link #clipRect} with the same id. */
  public Svg openClippedGroup(String cssClass, String clipId) {
    out.append("<g class=\"").append(Xml.escape(cssClass)).append("\" clip-path=\"url(#").append(Xml.escape(clipId))
        .append(")\">\n");
    return this;
  }

  /** Defines a rectangular clip path. */
  public Svg clipRect(String id, double x, double y, double w, double h) {
    out.append("<defs><clipPath id=\"").append(Xml.escape(id)).append("\"><rect x=\"").append(num(x))
        .append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w)).append("\" height=\"").append(num(h))
        .append("\"/></clipPath></defs>\n");
    return this;
  }

  public Svg closeGroup() {
    out.append("</g>\n");
    return this;
  }

  public Svg line(double x1, double y1, double x2, double y2, String cssClass) {
    out.append("<line class=\"").append(Xml.escape(cssClass)).append("\" x1=\"").append(num(x1))
        .append("\" y1=\"").append(num(y1)).append("\" x2=\"").append(num(x2)).append("\" y2=\"").append(num(y2))
        .append("\"/>\n");
    return this;
  }

  /** A rectangle; a null tooltip omits the title. */
  public Svg rect(double x, double y, double w, double h, String cssClass, String fill, String tooltip) {
    out.append("<rect class=\"").append(Xml.escape(cssClass)).append("\" x=\"").append(num(x)).append("\" y=\"")
        .append(num(y)).append("\" width=\"").append(num(Math.max(0, w))).append("\" height=\"")
        .append(num(Math.max(0, h))).append('"');
    fill(fill);
    return endWithTooltip("rect", tooltip);
  }

  public Svg circle(double cx, double cy, double r, String cssClass, String fill, String tooltip) {
    return circle(cx, cy, r, cssClass, fill, null, tooltip);
  }

  /** A circle with an explicit stroke colour (null: from CSS). */
  public Svg circle(double cx, double cy, double r, String cssClass, String fill, String stroke, String tooltip) {
    out.append("<circle class=\"").append(Xml.escape(cssClass)).append("\" cx=\"").append(num(cx))
        .append("\" cy=\"").append(num(cy)).append("\" r=\"").append(num(r)).append('"');
    fill(fill);
    if (stroke != null) {
      out.append(" stroke=\"").append(Xml.escape(stroke)).append('"');
    }
    return endWithTooltip("circle", tooltip);
  }

  /** A path from already-built path data (see {@link #polylineData}). */
  public Svg path(String d, String cssClass, String stroke, String tooltip) {
    out.append("<path class=\"").append(Xml.escape(cssClass)).append("\" d=\"").append(Xml.escape(d)).append('"');
    if (stroke != null) {
      out.append(" stroke=\"").append(Xml.escape(stroke)).append('"');
    }
    return endWithTooltip("path", tooltip);
  }

  /**
   * Text at (x, y). {@code anchor} is start, middle or end; {@code rotate} (degrees) turns it about its
   * anchor point (the y-axis title uses -90).
   */
  public Svg text(double x, double y, String text, String cssClass, String anchor, double rotate) {
    out.append("<text class=\"").append(Xml.escape(cssClass)).append("\" x=\"").append(num(x)).append("\" y=\"")
        .append(num(y)).append("\" text-anchor=\"").append(anchor).append('"');
    if (rotate != 0) {
      out.append(" transform=\"rotate(").append(num(rotate)).append(' ').append(num(x)).append(' ').append(num(y))
          .append(")\"");
    }
    out.append('>').append(Xml.escape(text)).append("</text>\n");
    return this;
  }

  /** A linear gradient definition (for the colour-bar legend), stops evenly spaced left to right. */
  public Svg linearGradient(String id, java.util.List<String> colours) {
    out.append("<defs><linearGradient id=\"").append(Xml.escape(id)).append("\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">");
    for (int i = 0; i < colours.size(); i++) {
      double offset = colours.size() == 1 ? 0 : 100.0 * i / (colours.size() - 1);
      out.append("<stop offset=\"").append(num(offset)).append("%\" stop-color=\"").append(Xml.escape(colours.get(i)))
          .append("\"/>");
    }
    out.append("</linearGradient></defs>\n");
    return this;
  }

  /** {@code M x0 y0 L x1 y1 ...} for the given points. */
  public static String polylineData(double[] xs, double[] ys) {
    if (xs.length != ys.length || xs.length == 0) {
      throw new IllegalArgumentException("a polyline needs as many x as y values, at least one; got " + xs.length
          + " and " + ys.length);
    }
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < xs.length; i++) {
      d.append(i == 0 ? "M" : " L").append(num(xs[i])).append(' ').append(num(ys[i]));
    }
    return d.toString();
  }

  /** A number as SVG prints it here: at most two decimals, no trailing zeros, never "-0". */
  public static String num(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("SVG coordinate is not finite: " + v);
    }
    double r = Math.round(v * 100) / 100.0;
    if (r == 0) {
      return "0";
    }
    if (r == Math.rint(r) && Math.abs(r) < 1e15) {
      return Long.toString((long) r);
    }
    String s = String.format(Locale.ROOT, "%.2f", r);
    return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void fill(String fill) {
    if (fill != null) {
      out.append(" fill=\"").append(Xml.escape(fill)).append('"');
    }
  }

  private Svg endWithTooltip(String tag, String tooltip) {
    if (tooltip == null) {
      out.append("/>\n");
    } else {
      out.append("><title>").append(Xml.escape(tooltip)).append("</title></").append(tag).append(">\n");
    }
    return this;
  }
}
