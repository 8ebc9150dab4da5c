package dev.tritium.cli.report.svg;

/**
 * A chart's canvas and the margins around its plot area (axes, labels and legends live in the margins).
 */
public record Frame(double width, double height, double marginLeft, double marginRight, double marginTop,
    double marginBottom) {

  public Frame {
    if (plotWidth(width, marginLeft, marginRight) <= 0 || plotWidth(height, marginTop, marginBottom) <= 0) {
      throw new IllegalArgumentException("chart frame: margins leave no plot area in " + width + " x " + height);
    }
  }

  private static double plotWidth(double total, double a, double b) {
    return total - a - b;
  }

  public double left() {
    return marginLeft;
  }

  public double right() {
    return width - marginRight;
  }

  public double top() {
    return marginTop;
  }

  public double bottom() {
    return height - marginBottom;
  }

  public double plotWidth() {
    return right() - left();
  }

  public double plotHeight() {
    return bottom() - top();
  }
}
