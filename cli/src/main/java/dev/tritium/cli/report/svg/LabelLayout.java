package dev.tritium.cli.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy placement of point labels: a label that would overlap one already placed moves down one line
 * at a time (points of equal position, such as layers of equal intensity on a roofline, then list
 * their names under each other instead of printing them on top of each other).
 */
public final class LabelLayout {

  /** Approximate advance of one character of the 11 px label font. */
  public static final double CHAR_WIDTH = 6.5;
  public static final double LINE_HEIGHT = 13;

  private record Box(double x, double y, double w, double h) {

    boolean overlaps(Box o) {
      return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
    }
  }

  private final List<Box> placed = new ArrayList<>();

  /** The baseline y for a label starting at (x, y) (baseline), moved down until it overlaps nothing. */
  public double place(double x, double y, String text) {
    double w = text.length() * CHAR_WIDTH;
    Box b = new Box(x, y - LINE_HEIGHT + 3, w, LINE_HEIGHT);
    while (overlapsAny(b)) {
      b = new Box(b.x, b.y + LINE_HEIGHT, b.w, b.h);
    }
    placed.add(b);
    return b.y + LINE_HEIGHT - 3;
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
