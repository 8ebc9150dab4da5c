package dev.tritium.dse.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.dse.eval.PointStatus;
import dev.tritium.dse.eval.ResultRow;
import dev.tritium.dse.sweep.Goal;
import dev.tritium.dse.sweep.Metric;
import dev.tritium.dse.sweep.Objective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {

  static final List<Objective> LAT_MIN_TPW_MAX = List.of(new Objective(Metric.LATENCY_MS, Goal.MIN),
      new Objective(Metric.TOKENS_PER_S_PER_W, Goal.MAX));

  static ResultRow row(long id, PointStatus status, double latencyMs, double tokensPerSPerW) {
    String[] m = new String[Metric.values().length];
    Arrays.fill(m, "");
    if (status != PointStatus.FAILED) {
      m[Metric.LATENCY_MS.ordinal()] = Double.toString(latencyMs);
      m[Metric.TOKENS_PER_S_PER_W.ordinal()] = Double.toString(tokensPerSPerW);
    }
    return new ResultRow(id, List.of(), List.of(m), status, "");
  }

  static List<Long> ids(List<ResultRow> rows) {
    return rows.stream().map(ResultRow::pointId).toList();
  }

  @Test
  void handComputedFront() {
    List<ResultRow> rows = List.of(
        row(0, PointStatus.OK, 10, 1),     // dominated by 2 (faster, same efficiency)
        row(1, PointStatus.OK, 5, 3),      // front: fastest among efficient ones
        row(2, PointStatus.OK, 8, 1),      // dominated by 1
        row(3, PointStatus.OK, 20, 9),     // front: most efficient
        row(4, PointStatus.INFEASIBLE, 1, 100), // would dominate all, but infeasible
        row(5, PointStatus.OK, 5, 3),      // equal to 1: kept as well
        row(6, PointStatus.FAILED, 0, 0),
        row(7, PointStatus.OK, 12, 4));    // front: between 1 and 3
    assertEquals(List.of(1L, 3L, 5L, 7L), ids(ParetoFront.of(rows, LAT_MIN_TPW_MAX)));
    // Maximising latency instead turns the front around.
    List<Objective> latMax = List.of(new Objective(Metric.LATENCY_MS, Goal.MAX),
        new Objective(Metric.TOKENS_PER_S_PER_W, Goal.MAX));
    assertEquals(List.of(3L), ids(ParetoFront.of(rows, latMax)));
  }

  @Test
  void dominanceNeedsOneStrictImprovement() {
    assertTrue(ParetoFront.dominates(new double[] {1, 5}, new double[] {2, 5}, LAT_MIN_TPW_MAX));
    assertFalse(ParetoFront.dominates(new double[] {1, 5}, new double[] {1, 5}, LAT_MIN_TPW_MAX));
    assertFalse(ParetoFront.dominates(new double[] {1, 4}, new double[] {2, 5}, LAT_MIN_TPW_MAX));
  }

  /** The fast front equals the definition: rows no other ok row dominates. */
  @Property(tries = 50, seed = "11")
  void equalsTheBruteForceDefinition(@ForAll @IntRange(min = 0, max = 60) int n, @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<ResultRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      PointStatus st = rnd.nextInt(5) == 0 ? PointStatus.INFEASIBLE : PointStatus.OK;
      rows.add(row(i, st, rnd.nextInt(8), rnd.nextInt(8)));
    }
    List<Long> expected = new ArrayList<>();
    for (ResultRow a : rows) {
      if (a.status() != PointStatus.OK) {
        continue;
      }
      boolean dominated = false;
      for (ResultRow b : rows) {
        if (b.status() == PointStatus.OK && ParetoFront.dominates(
            new double[] {Double.parseDouble(b.metrics().get(Metric.LATENCY_MS.ordinal())),
                Double.parseDouble(b.metrics().get(Metric.TOKENS_PER_S_PER_W.ordinal()))},
            new double[] {Double.parseDouble(a.metrics().get(Metric.LATENCY_MS.ordinal())),
                Double.parseDouble(a.metrics().get(Metric.TOKENS_PER_S_PER_W.ordinal()))}, LAT_MIN_TPW_MAX)) {
          dominated = true;
        }
      }
      if (!dominated) {
        expected.add(a.pointId());
      }
    }
    assertEquals(expected, ids(ParetoFront.of(rows, LAT_MIN_TPW_MAX)));
  }
}
