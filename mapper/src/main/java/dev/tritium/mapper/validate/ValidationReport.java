package dev.tritium.mapper.validate;

import java.util.List;
import java.util.Locale;

/**
 * What {@code tritium validate} prints for one published design.
 *
 * @param design the design
 * @param figures each published figure with Tritium's prediction
 * @param toggles each modelled feature toggled to the template default, with the predictions that gives
 * @param gaps each feature the template cannot express, with its computed effect on the decode time
 */
public record ValidationReport(PublishedDesign design, List<FigureRow> figures, List<ToggleRow> toggles,
    List<GapRow> gaps) {

  public ValidationReport {
    figures = List.copyOf(figures);
    toggles = List.copyOf(toggles);
    gaps = List.copyOf(gaps);
  }

  /**
   * A published figure and the prediction.
   *
   * @param basis how the prediction was made (e.g. the model estimate's phase and shape)
   */
  public record FigureRow(PublishedFigure figure, double predicted, String basis) {

    /** (predicted - published) / published, in percent. */
    public double errorPercent() {
      return 100.0 * (predicted - figure.value()) / figure.value();
    }
  }

  /**
   * A feature toggled to the template default.
   *
   * @param predicted the prediction of each performance figure with the toggle, in the order of the report's
   *     performance figures ({@link ValidationReport#performanceFigures()})
   */
  public record ToggleRow(FeatureToggle toggle, List<Double> predicted) {
    public ToggleRow {
      predicted = List.copyOf(predicted);
    }
  }

  /**
   * A gap with its computed effect.
   *
   * @param decodeMsDelta how much the decode time per token would change if the design's behaviour were modelled
   *     (positive: slower)
   * @param basis the arithmetic behind it
   */
  public record GapRow(Gap gap, double decodeMsDelta, String basis) {}

  /** The figures the toggles are evaluated on: decode, time to first token and LM head (not power or resources). */
  public List<FigureRow> performanceFigures() {
    return figures.stream().filter(r -> Validation.isPerformance(r.figure().metric())).toList();
  }

  /** The printed table. */
  public String render() {
    StringBuilder b = new StringBuilder();
    PublishedDesign d = design;
    b.append("validate ").append(d.name()).append(": ").append(d.title()).append('\n');
    b.append(String.format(Locale.ROOT, "arch preset %s, model %s, %s unit, part %s%n%n", d.arch(), d.model(),
        d.unit(), d.part()));
    String fmt = "%-40s %14s %14s %9s  %s%n";
    b.append(String.format(Locale.ROOT, fmt, "figure", "published", "tritium", "error", "source"));
    for (FigureRow r : figures) {
      b.append(String.format(Locale.ROOT, fmt, r.figure().label() + " [" + r.figure().metric().unit() + "]",
          number(r.figure().value()), number(r.predicted()), String.format(Locale.ROOT, "%+.1f%%", r.errorPercent()),
          r.figure().source()));
      if (!r.figure().condition().isEmpty()) {
        b.append(String.format(Locale.ROOT, "%-40s %s%n", "", "condition: " + r.figure().condition()));
      }
      b.append(String.format(Locale.ROOT, "%-40s %s%n", "", "tritium: " + r.basis()));
    }
    List<FigureRow> perf = performanceFigures();
    if (!toggles.isEmpty()) {
      b.append("\nmodelled features, each toggled to the template default (its share of the prediction):\n");
      int width = perf.stream().mapToInt(r -> r.figure().label().length()).max().orElse(24);
      String col = " %" + width + "s";
      StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-58s", "feature"));
      for (FigureRow r : perf) {
        head.append(String.format(Locale.ROOT, col, r.figure().label()));
      }
      b.append(head).append('\n');
      StringBuilder base = new StringBuilder(String.format(Locale.ROOT, "%-58s", "(as published: the prediction above)"));
      for (FigureRow r : perf) {
        base.append(String.format(Locale.ROOT, col, number(r.predicted())));
      }
      b.append(base).append('\n');
      for (ToggleRow t : toggles) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-58s", clip(t.toggle().feature(), 58)));
        for (int i = 0; i < perf.size(); i++) {
          double v = t.predicted().get(i);
          double base0 = perf.get(i).predicted();
          row.append(String.format(Locale.ROOT, col, number(v) + String.format(Locale.ROOT, " (%+.0f%%)",
              100 * (v - base0) / base0)));
        }
        b.append(row).append('\n');
        b.append("  toggled to ").append(t.toggle().describe()).append('\n');
      }
    }
    if (!gaps.isEmpty()) {
      b.append("\nnot expressible in the template (computed effect on the decode time per token):\n");
      for (GapRow g : gaps) {
        b.append(String.format(Locale.ROOT, "  %-18s %+8.3f ms  %s%n    %s%n",
            g.gap().kind().name().toLowerCase(Locale.ROOT), g.decodeMsDelta(), g.gap().feature(), g.basis()));
      }
    }
    return b.toString();
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 3) + "...";
  }

  static String number(double v) {
    if (Math.abs(v) >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (Math.abs(v) >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
