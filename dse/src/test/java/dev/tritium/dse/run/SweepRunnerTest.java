package dev.tritium.dse.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.dse.FakeEvaluatorFactory;
import dev.tritium.dse.TestSweeps;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRunnerTest {

  @TempDir Path tmp;

  static SweepSummary run(Path sweep, Path out, int threads, boolean resume) throws Exception {
    return SweepRunner.run(new DseRequest(sweep, out, "local", threads, resume, false, new FakeEvaluatorFactory()),
        new PrintWriter(new StringWriter(), true));
  }

  static byte[] bytes(Path p) throws Exception {
    return Files.readAllBytes(p);
  }

  @Test
  void smallSweepWritesEveryPointOnceSortedWithFrontAndSweepJson() throws Exception {
    Path out = tmp.resolve("a");
    SweepSummary s = run(TestSweeps.small(), out, 2, false);
    assertEquals(24, s.points());
    assertEquals(24, s.evaluated());
    assertEquals(8, s.failed()); // 48 rows
    assertEquals(4, s.infeasible()); // 32 x 64 over 2.0e6 um2
    assertEquals(12, s.ok());
    List<String> lines = Files.readAllLines(out.resolve("results.csv"));
    assertEquals(25, lines.size());
    assertEquals("point_id,mac_array.rows,mac_array.cols,compute_unit,dram.peak_bandwidth_GBps,latency_cycles,"
        + "latency_ms,dynamic_energy_mJ,static_energy_mJ,energy_mJ,area_um2,power_W,tokens_per_s,"
        + "tokens_per_s_per_W,status,reason", lines.get(0));
    for (int i = 1; i < lines.size(); i++) {
      assertTrue(lines.get(i).startsWith((i - 1) + ","), lines.get(i));
    }
    assertTrue(lines.get(17).startsWith("16,48,32,mac,12.8,,,,,,,,,,failed,\"invalid design: point 16: key "
        + "'mac_array.rows' must be a power of two"), lines.get(17));
    List<String> pareto = Files.readAllLines(out.resolve("pareto.csv"));
    assertEquals(lines.get(0), pareto.get(0));
    assertEquals(s.paretoPoints() + 1, pareto.size());
    for (String p : pareto.subList(1, pareto.size())) {
      assertTrue(lines.contains(p) && p.contains(",ok,"), p);
    }
    String json = Files.readString(out.resolve("sweep.json"));
    assertTrue(json.contains("\"point_count\" : 24") && json.contains("\"edge-small\""), json);
  }

  @Test
  void resultsAreByteIdenticalWhateverTheThreadCount() throws Exception {
    run(TestSweeps.small(), tmp.resolve("one"), 1, false);
    run(TestSweeps.small(), tmp.resolve("four"), 4, false);
    for (String f : List.of("results.csv", "pareto.csv", "sweep.json")) {
      assertArrayEquals(bytes(tmp.resolve("one").resolve(f)), bytes(tmp.resolve("four").resolve(f)), f);
    }
  }

  @Test
  void resumeAfterATornLineFinishesWithEachPointOnce() throws Exception {
    Path full = tmp.resolve("full");
    run(TestSweeps.small(), full, 2, false);
    Path cut = tmp.resolve("cut");
    run(TestSweeps.small(), cut, 2, false);
    // As a kill leaves it: 10 rows in finishing order (here: reversed), then half a line.
    List<String> lines = Files.readAllLines(cut.resolve("results.csv"));
    StringBuilder torn = new StringBuilder(lines.get(0)).append('\n');
    for (int i = 10; i >= 1; i--) {
      torn.append(lines.get(i * 2)).append('\n');
    }
    torn.append(lines.get(3), 0, 12);
    Files.writeString(cut.resolve("results.csv"), torn.toString());
    Files.delete(cut.resolve("pareto.csv"));
    SweepSummary s = run(TestSweeps.small(), cut, 2, true);
    assertEquals(10, s.resumed());
    assertEquals(14, s.evaluated());
    for (String f : List.of("results.csv", "pareto.csv", "sweep.json")) {
      assertArrayEquals(bytes(full.resolve(f)), bytes(cut.resolve(f)), f);
    }
  }

  @Test
  void resumeOfAFinishedSweepEvaluatesNothingAndChangesNothing() throws Exception {
    Path out = tmp.resolve("done");
    run(TestSweeps.small(), out, 2, false);
    byte[] before = bytes(out.resolve("results.csv"));
    SweepSummary s = run(TestSweeps.small(), out, 2, true);
    assertEquals(0, s.evaluated());
    assertArrayEquals(before, bytes(out.resolve("results.csv")));
  }

  @Test
  void refusesToOverwriteOrToResumeAnotherSweep() throws Exception {
    Path out = tmp.resolve("x");
    run(TestSweeps.small(), out, 2, false);
    IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
        () -> run(TestSweeps.small(), out, 2, false));
    assertTrue(again.getMessage().endsWith("already exists: pass --resume to finish that sweep, or choose a new "
        + "--out directory"), again.getMessage());
    Path other = tmp.resolve("other.yaml");
    Files.writeString(other, Files.readString(TestSweeps.small()).replace("[12.8, 19.2]", "[12.8, 25.6]"));
    IllegalArgumentException changed = assertThrows(IllegalArgumentException.class, () -> run(other, out, 2, true));
    assertTrue(changed.getMessage().contains("written for a different sweep"), changed.getMessage());
  }

  @Test
  void resumeRejectsARowThatIsNotThisSweeps() throws Exception {
    Path out = tmp.resolve("tampered");
    run(TestSweeps.small(), out, 2, false);
    Path csv = out.resolve("results.csv");
    List<String> lines = Files.readAllLines(csv);
    // One changed parameter value in row 3 (point 2) is caught.
    lines.set(3, lines.get(3).replaceFirst("^2,16,", "2,32,"));
    Files.write(csv, lines);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run(TestSweeps.small(), out, 2, true));
    assertTrue(e.getMessage().endsWith("results.csv:4: point 2 has parameters [32, 32, lut, 12.8] but this "
        + "sweep's point 2 has [16, 32, lut, 12.8]"), e.getMessage());
  }
}
