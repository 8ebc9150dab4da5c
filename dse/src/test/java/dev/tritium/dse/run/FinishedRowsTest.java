package dev.tritium.dse.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.dse.FakeEvaluatorFactory;
import dev.tritium.dse.TestSweeps;
import dev.tritium.dse.eval.AreaEstimator;
import dev.tritium.dse.eval.PointRunner;
import dev.tritium.dse.sweep.SweepFiles;
import dev.tritium.dse.sweep.SweepSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinishedRowsTest {

  @TempDir Path tmp;
  SweepSpec spec;
  ResultsCsv layout;
  PointRunner runner;
  Path csv;

  @BeforeEach
  void setUp() throws Exception {
    spec = SweepFiles.load(TestSweeps.small());
    layout = new ResultsCsv(spec);
    runner = new PointRunner(spec, new FakeEvaluatorFactory().create(), new AreaEstimator());
    csv = tmp.resolve("results.csv");
  }

  String line(long id) {
    return layout.line(runner.run(id)) + "\n";
  }

  @Test
  void missingEmptyAndTornHeaderFilesHaveNoRows() throws Exception {
    assertEquals(0, FinishedRows.read(csv, layout).size());
    Files.writeString(csv, "");
    assertEquals(0, FinishedRows.read(csv, layout).size());
    Files.writeString(csv, "point_id,mac_ar");
    FinishedRows torn = FinishedRows.read(csv, layout);
    assertEquals(0, torn.size());
    assertEquals(15, torn.tornBytes());
  }

  @Test
  void keepsCompleteRowsDropsTheTornLastOneAndToleratesAnIdenticalRepeat() throws Exception {
    Files.writeString(csv, layout.headerLine() + "\n" + line(5) + line(2) + line(5) + line(7).substring(0, 9));
    FinishedRows r = FinishedRows.read(csv, layout);
    assertEquals(2, r.size());
    assertTrue(r.contains(2) && r.contains(5));
    assertEquals(9, r.tornBytes());
    assertEquals(2, r.sorted().iterator().next().pointId());
  }

  @Test
  void refusesAnotherHeaderAndConflictingRepeats() throws Exception {
    Files.writeString(csv, layout.headerLine().replace("status", "state") + "\n");
    IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
        () -> FinishedRows.read(csv, layout));
    assertTrue(header.getMessage().startsWith(csv + ":1: header does not match"), header.getMessage());
    String changed = line(3).replace(",ok,", ",failed,");
    Files.writeString(csv, layout.headerLine() + "\n" + line(3) + changed);
    IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> FinishedRows.read(csv, layout));
    assertEquals(csv + ":3: point 3 appears twice with different results", dup.getMessage());
    Files.writeString(csv, layout.headerLine() + "\n" + line(3).replaceFirst("^3,", "99,"));
    IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
        () -> FinishedRows.read(csv, layout));
    assertEquals(csv + ":2: point_id 99 is outside this sweep (0..23)", range.getMessage());
  }

  /** A NaN, negative or missing figure in a finished row is refused by line (it used to move the Pareto front). */
  @Test
  void nonFiniteOrNegativeMetricsAreRefused() throws Exception {
    String good = line(3);
    java.util.List<String> fields = new java.util.ArrayList<>(java.util.List.of(good.trim().split(",", -1)));
    int firstMetric = 1 + spec.parameterKeys().size();
    for (String bad : new String[] {"NaN", "-1", "Infinity", "", "x"}) {
      java.util.List<String> f = new java.util.ArrayList<>(fields);
      f.set(firstMetric, bad);
      Files.writeString(csv, layout.headerLine() + "\n" + String.join(",", f) + "\n" + line(4));
      String msg = assertThrows(IllegalArgumentException.class, () -> FinishedRows.read(csv, layout)).getMessage();
      assertTrue(msg.contains("results.csv:2: " + PointRunner.metricKeys().get(0) + " is '" + bad
          + "' (expected a finite number >= 0)"), msg);
    }
  }
}
