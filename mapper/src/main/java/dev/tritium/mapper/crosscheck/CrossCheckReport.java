package dev.tritium.mapper.crosscheck;

import java.util.List;

/** The cross-check table: one row per check; it passes when no row is FAIL. */
public record CrossCheckReport(String title, List<CheckRow> rows) {

  public CrossCheckReport {
    rows = List.copyOf(rows);
  }

  public boolean passed() {
    return rows.stream().noneMatch(r -> r.verdict() == Verdict.FAIL);
  }

  /** The failing rows. */
  public List<CheckRow> failures() {
    return rows.stream().filter(r -> r.verdict() == Verdict.FAIL).toList();
  }

  /** The row with this check name, or null. */
  public CheckRow row(String check) {
    return rows.stream().filter(r -> r.check().equals(check)).findFirst().orElse(null);
  }

  /** A fixed-width table with a final verdict line. */
  public String render() {
    int c = "check".length();
    int e = "expected".length();
    int a = "actual".length();
    for (CheckRow r : rows) {
      c = Math.max(c, r.check().length());
      e = Math.max(e, r.expected().length());
      a = Math.max(a, r.actual().length());
    }
    String fmt = "%-" + c + "s  %-" + e + "s  %-" + a + "s  %s%n";
    StringBuilder sb = new StringBuilder(title).append('\n');
    sb.append(String.format(fmt, "check", "expected", "actual", "verdict"));
    for (CheckRow r : rows) {
      sb.append(String.format(fmt, r.check(), r.expected(), r.actual(), r.verdict()));
    }
    long fails = failures().size();
    sb.append(passed() ? "cross-check PASS (" + rows.size() + " rows)"
        : "cross-check FAIL (" + fails + " of " + rows.size() + " rows failed)").append('\n');
    return sb.toString();
  }
}
