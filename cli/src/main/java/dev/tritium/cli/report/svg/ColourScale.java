package dev.tritium.cli.report.svg;

import java.util.List;
import java.util.Locale;

/**
 * A sequential colour scale: values in [min, max] interpolate linearly (in sRGB) between evenly spaced
 * stops. The default stops are matplotlib's viridis at 0, 1/4, ..., 1 (perceptually uniform and readable
 * in grey scale and by most colour-blind readers).
 */
public record ColourScale(double min, double max, List<String> stops) {

  /** viridis sampled at five points. */
  public static final List<String> VIRIDIS = List.of("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725");

  public ColourScale {
    stops = List.copyOf(stops);
    if (stops.size() < 2) {
      throw new IllegalArgumentException("colour scale: expected at least two stops, got " + stops.size());
    }
    if (!(max >= min) || !Double.isFinite(min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException("colour scale: expected finite min <= max, got " + min + ", " + max);
    }
    for (String s : stops) {
      rgb(s);
    }
  }

  public static ColourScale viridis(double min, double max) {
    return new ColourScale(min, max, VIRIDIS);
  }

  /** The colour of {@code v} as {@code #rrggbb}; values outside [min, max] take the end colours. */
  public String colour(double v) {
    double t = max == min ? 0.5 : (v - min) / (max - min);
    t = Math.max(0, Math.min(1, t));
    double pos = t * (stops.size() - 1);
    int i = Math.min(stops.size() - 2, (int) Math.floor(pos));
    double f = pos - i;
    int[] a = rgb(stops.get(i));
    int[] b = rgb(stops.get(i + 1));
    return String.format(Locale.ROOT, "#%02x%02x%02x", mix(a[0], b[0], f), mix(a[1], b[1], f), mix(a[2], b[2], f));
  }

  private static int mix(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * f);
  }

  static int[] rgb(String hex) {
    if (!hex.matches("#[0-9a-fA-F]{6}")) {
      throw new IllegalArgumentException("colour '" + hex + "': expected #rrggbb");
    }
    int v = Integer.parseInt(hex.substring(1), 16);
    return new int[] {(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff};
  }
}
