package dev.tritium.dse.run;

import dev.tritium.dse.eval.PointStatus;
import dev.tritium.dse.eval.ResultRow;
import dev.tritium.dse.sweep.Objective;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The non-dominated {@code ok} rows over a list of objectives. Row a dominates row b when a is at least
 * as good in every objective and strictly better in one; rows equal in every objective are all kept.
 * Values are the printed metric texts parsed back, so the front depends only on the CSV.
 */
public final class ParetoFront {

  private ParetoFront() {}

  /** The front, sorted by point id. */
  public static List<ResultRow> of(Iterable<ResultRow> rows, List<Objective> objectives) {
    List<Candidate> candidates = new ArrayList<>();
    for (ResultRow r : rows) {
      if (r.status() == PointStatus.OK) {
        candidates.add(new Candidate(r, values(r, objectives)));
      }
    }
    // Sorted lexicographically by objectives (best first), a row can only be dominated by an earlier one,
    // and a dominated earlier row is dominated by a front row, so checking against the front suffices.
    candidates.sort(Comparator.<Candidate, double[]>comparing(Candidate::values,
        (a, b) -> lexicographic(a, b, objectives)).thenComparingLong(c -> c.row().pointId()));
    List<Candidate> front = new ArrayList<>();
    for (Candidate c : candidates) {
      boolean dominated = false;
      for (Candidate f : front) {
        if (dominates(f.values(), c.values(), objectives)) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        front.add(c);
      }
    }
    List<ResultRow> out = new ArrayList<>();
    for (Candidate c : front) {
      out.add(c.row());
    }
    out.sort(Comparator.comparingLong(ResultRow::pointId));
    return out;
  }

  private record Candidate(ResultRow row, double[] values) {}

  /** Whether a is no worse than b in every objective and better in at least one. */
  static boolean dominates(double[] a, double[] b, List<Objective> objectives) {
    boolean better = false;
    for (int i = 0; i < a.length; i++) {
      int c = objectives.get(i).goal().compare(a[i], b[i]);
      if (c > 0) {
        return false;
      }
      better |= c < 0;
    }
    return better;
  }

  private static int lexicographic(double[] a, double[] b, List<Objective> objectives) {
    for (int i = 0; i < a.length; i++) {
      int c = objectives.get(i).goal().compare(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static double[] values(ResultRow r, List<Objective> objectives) {
    double[] v = new double[objectives.size()];
    for (int i = 0; i < v.length; i++) {
      String text = r.metrics().get(objectives.get(i).metric().ordinal());
      if (text.isEmpty()) {
        throw new IllegalArgumentException("point " + r.pointId() + " is ok but has no "
            + objectives.get(i).metric().key());
      }
      v[i] = Double.parseDouble(text);
    }
    return v;
  }
}
