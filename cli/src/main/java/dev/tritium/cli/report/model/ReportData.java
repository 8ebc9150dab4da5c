package dev.tritium.cli.report.model;

import java.util.List;
import java.util.Optional;

/**
 * The report's whole input: a sweep (absent for a single-design DIR), the chosen design's profile (absent
 * when DIR holds no per-design files), a weight-format comparison (compare --formats --report), and notes on
 * what was missing or inconsistent, shown on the page.
 *
 * @param source where the data came from (the DIR), shown in the page header
 */
public record ReportData(String source, Optional<SweepResults> sweep, Optional<DesignProfile> design,
    Optional<FormatTable> formats, List<String> notes) {

  public ReportData {
    notes = List.copyOf(notes);
    if (sweep.isEmpty() && design.isEmpty() && formats.isEmpty()) {
      throw new IllegalArgumentException(source + ": nothing to report (neither sweep results, a design profile nor"
          + " a format comparison)");
    }
  }

  /** Only a format comparison: the page shows that section alone. */
  public boolean formatsOnly() {
    return sweep.isEmpty() && design.isEmpty();
  }
}
