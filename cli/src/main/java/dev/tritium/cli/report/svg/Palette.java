package dev.tritium.cli.report.svg;

import java.util.List;

/** Categorical colours for series (Tableau 10: distinct, print-safe); they repeat after ten series. */
public final class Palette {

  public static final List<String> TABLEAU10 = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
      "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");

  private Palette() {}

  /** The colour of series {@code i} (0-based). */
  public static String categorical(int i) {
    if (i < 0) {
      throw new IllegalArgumentException("series index must be >= 0, got " + i);
    }
    return TABLEAU10.get(i % TABLEAU10.size());
  }
}
