package dev.tritium.cli.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy placement of point labels: each label takes the first free spot of right of its point, then
 * above-right, below-right, left, above-left, below-left; when all overlap labels already placed it
 * moves down from the right-hand spot one line at a time. Points at the same spot share one label
 * (see {@code XyChart}), so this only separates near neighbours.
 */
public final class LabelLayout {

  /** Approximate advance of one character of the 11 px label font. */
  public static final double CHAR_WIDTH = 6.5;
  public static final double LINE_HEIGHT = 13;

  /** Where a label goes: baseline start (anchor start) or baseline end (anchor end). */
  public record Placement(double x, double y, String anchor) {}

  private record Box(double x, double y, double w, double h) {

    boolean overlaps(Box o) {
      return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
    }
  }

  private final List<Box> placed = new ArrayList<>();

  /** A place for {@code text} next to a point at (px, py) of radius r. */
  public Placement place(double px, double py, double r, String text) {
    double w = text.length() * CHAR_WIDTH;
    double gap = r + 3;
    double base = py + 4; // baseline that centres 11 px text on the point
    double[][] candidates = {
        {px + gap, base, 0}, {px + gap, base - LINE_HEIGHT, 0}, {px + gap, base + LINE_HEIGHT, 0},
        {px - gap, base, 1}, {px - gap, base - LINE_HEIGHT, 1}, {px - gap, base + LINE_HEIGHT, 1}};
    for (double[] c : candidates) {
      Box b = box(c[0], c[1], w, c[2] == 1);
      if (!overlapsAny(b)) {
        placed.add(b);
        return new Placement(c[0], c[1], c[2] == 1 ? "end" : "start");
      }
    }
    double y = base;
    Box b = box(px + gap, y, w, false);
    while (overlapsAny(b)) {
      y += LINE_HEIGHT;
      b = box(px + gap, y, w, false);
    }
    placed.add(b);
    return new Placement(px + gap, y, "start");
  }

  private static Box box(double x, double baseline, double w, boolean endAnchored) {
    return new Box(endAnchored ? x - w : x, baseline - LINE_HEIGHT + 3, w, LINE_HEIGHT);
  }

  private boolean overlapsAny(Box b) {
    for (Box p : placed) {
      if (p.overlaps(b)) {
        return true;
      }
    }
    return false;
  }
}
