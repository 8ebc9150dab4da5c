package dev.tritium.cli.report.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.cli.report.Fixtures;
import dev.tritium.cli.report.model.DesignPoint;
import dev.tritium.cli.report.model.Objective;
import dev.tritium.cli.report.model.SweepResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepReaderTest {

  @TempDir Path tmp;

  private SweepResults read(Path dir) throws IOException {
    return SweepReader.read(dir, new ArrayList<>()).orElseThrow();
  }

  @Test
  void readsTheDseOutputOfTheSmallSweep() throws IOException {
    SweepResults s = read(Fixtures.copy("sweep", tmp.resolve("d")));
    assertEquals("edge-small", s.name());
    assertEquals("bitnet-b1.58-2b-4t decode, 1 token(s), context 128", s.workload());
    assertEquals(List.of("mac_array.rows", "mac_array.cols", "compute_unit", "dram.peak_bandwidth_GBps"),
        s.parameterKeys());
    assertEquals(List.of("latency_cycles", "latency_ms", "dynamic_energy_mJ", "static_energy_mJ", "energy_mJ",
        "area_um2", "power_W", "tokens_per_s", "tokens_per_s_per_W"), s.metricKeys());
    assertEquals(List.of(new Objective("latency_ms", true), new Objective("energy_mJ", true),
        new Objective("area_um2", true)), s.objectives());
    assertEquals(24, s.points().size());
    assertEquals(12, s.count("ok"));
    assertEquals(4, s.count("infeasible"));
    assertEquals(8, s.count("failed"));
    assertEquals(Set.of(1L, 3L, 9L, 11L), s.paretoIds());
    DesignPoint p11 = s.points().get(11);
    assertEquals(11, p11.pointId());
    assertEquals(Map.of("mac_array.rows", "32", "mac_array.cols", "32", "compute_unit", "lut",
        "dram.peak_bandwidth_GBps", "19.2"), p11.parameters());
    assertEquals(518.46272, p11.metric("latency_ms").getAsDouble(), 0);
    assertEquals(297.9853344, p11.metric("energy_mJ").getAsDouble(), 0);
    // A failed row has no metrics, and keeps its reason.
    DesignPoint failed = s.points().stream().filter(p -> p.status().equals("failed")).findFirst().orElseThrow();
    assertTrue(failed.metrics().isEmpty());
    assertTrue(!failed.reason().isEmpty());
  }

  @Test
  void chosenIsBestInTheFirstObjectiveAndTheFrontIsOrderedBestFirst() throws IOException {
    SweepResults s = read(Fixtures.copy("sweep", tmp.resolve("d")));
    // By hand from results.csv: the lowest latency_ms among ok rows is point 11 (518.46272 ms).
    assertEquals(11, s.chosen().orElseThrow().pointId());
    assertEquals(List.of(11L, 3L, 9L, 1L), s.frontBestFirst().stream().map(DesignPoint::pointId).toList());
  }

  @Test
  void tiesInTheFirstObjectiveGoToTheNextThenToTheLowestId() {
    List<Objective> o = List.of(new Objective("latency_ms", true), new Objective("tokens_per_s_per_W", false));
    DesignPoint a = point(5, 2.0, 1.0);
    DesignPoint b = point(3, 2.0, 3.0);
    DesignPoint c = point(1, 2.0, 3.0);
    DesignPoint slow = point(0, 9.0, 100.0);
    SweepResults s = new SweepResults("t", "", "", List.of(), List.of("latency_ms", "tokens_per_s_per_W"), o,
        List.of(slow, c, b, a), Set.of());
    assertEquals(1, s.chosen().orElseThrow().pointId());
  }

  private static DesignPoint point(long id, double latency, double efficiency) {
    return new DesignPoint(id, Map.of(), Map.of("latency_ms", latency, "tokens_per_s_per_W", efficiency), "ok", "");
  }

  @Test
  void noResultsMeansNoSweep() throws IOException {
    assertTrue(SweepReader.read(tmp, new ArrayList<>()).isEmpty());
  }

  @Test
  void missingParetoIsANoteNotAnError() throws IOException {
    Path d = Fixtures.copy("sweep", tmp.resolve("d"));
    Files.delete(d.resolve("pareto.csv"));
    List<String> notes = new ArrayList<>();
    SweepResults s = SweepReader.read(d, notes).orElseThrow();
    assertTrue(s.paretoIds().isEmpty());
    assertTrue(notes.get(0).contains("pareto.csv is missing"), notes.toString());
  }

  @Test
  void errorsNameTheFileLineAndColumn() throws IOException {
    Path d = Fixtures.copy("sweep", tmp.resolve("a"));
    Fixtures.edit(d.resolve("results.csv"), "518.46272", "fast");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(d));
    assertEquals(d.resolve("results.csv") + ":13: column 'latency_ms': expected a number, got 'fast'", e.getMessage());

    Path st = Fixtures.copy("sweep", tmp.resolve("b"));
    Fixtures.edit(st.resolve("results.csv"), "ok,\n", "fine,\n");
    e = assertThrows(IllegalArgumentException.class, () -> read(st));
    assertEquals(st.resolve("results.csv") + ":2: column 'status': expected ok, infeasible or failed, got 'fine'",
        e.getMessage());
  }

  @Test
  void paretoRowsMustBeSweepPoints() throws IOException {
    Path d = Fixtures.copy("sweep", tmp.resolve("d"));
    Fixtures.edit(d.resolve("pareto.csv"), "\n11,", "\n99,");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(d));
    assertTrue(e.getMessage().contains("pareto.csv:5: column 'point_id': point 99 is not in"), e.getMessage());
  }

  @Test
  void headerMustMatchSweepJson() throws IOException {
    Path d = Fixtures.copy("sweep", tmp.resolve("d"));
    Fixtures.edit(d.resolve("results.csv"), "energy_mJ,", "energy_J,");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(d));
    assertTrue(e.getMessage().contains("differs from the columns in"), e.getMessage());
  }

  @Test
  void missingSweepJsonIsAnError() throws IOException {
    Path d = Fixtures.copy("sweep", tmp.resolve("d"));
    Files.delete(d.resolve("sweep.json"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(d));
    assertTrue(e.getMessage().endsWith("sweep.json: missing; tritium dse writes it next to results.csv (the report "
        + "needs the parameters and objectives)"), e.getMessage());
  }

  @Test
  void objectivesMustBeMetricColumns() throws IOException {
    Path d = Fixtures.copy("sweep", tmp.resolve("d"));
    Fixtures.edit(d.resolve("sweep.json"), "\"area_um2\" : \"min\"", "\"area_mm2\" : \"min\"");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(d));
    assertTrue(e.getMessage().contains("objective 'area_mm2' is not a metric column"), e.getMessage());
  }
}
