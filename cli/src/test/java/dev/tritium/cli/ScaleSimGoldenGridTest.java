package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SCALE-Sim v2 golden grid (simulator/src/test/resources/scalesim-v2: SCALE-Sim's own reports for 198 points,
 * made by its generate.py): on every stall-free (CALC) point, {@code tritium scalesim} writes SCALE-Sim's
 * COMPUTE_REPORT byte for byte, and BANDWIDTH_REPORT's three SRAM columns exactly. The DRAM columns and the
 * bandwidth-limited (USER) points are not matched yet: SCALE-Sim averages DRAM bandwidth over each prefetch
 * window, and USER mode stalls on its double-buffered prefetch.
 */
class ScaleSimGoldenGridTest extends CliTestBase {

  private static final Path GRID = Path.of("../simulator/src/test/resources/scalesim-v2/grid").toAbsolutePath()
      .normalize();

  @TempDir Path tmp;

  @Test
  void everyCalcPointMatchesScaleSimsComputeReportAndSramBandwidth() throws IOException {
    List<Path> points;
    try (Stream<Path> s = Files.list(GRID)) {
      points = s.filter(p -> p.getFileName().toString().startsWith("calc_")).sorted().toList();
    }
    assertEquals(54, points.size(), "CALC points of the grid (grid/index.csv)");
    List<String> mismatches = new ArrayList<>();
    for (Path p : points) {
      Path out = tmp.resolve(p.getFileName().toString());
      // The goldens were made under CPython 3.11, whose sum() adds left to right.
      int code = run("scalesim", "--config", p.resolve("config.cfg").toString(), "--topology",
          p.resolve("topology.csv").toString(), "--out", out.toString(), "--python-sum", "sequential");
      assertEquals(0, code, () -> p + ": " + err);
      if (!Files.readString(out.resolve("COMPUTE_REPORT.csv")).equals(Files.readString(p.resolve("COMPUTE_REPORT.csv")))) {
        mismatches.add(p.getFileName() + ": COMPUTE_REPORT");
      }
      List<String> ours = sramColumns(out.resolve("BANDWIDTH_REPORT.csv"));
      List<String> theirs = sramColumns(p.resolve("BANDWIDTH_REPORT.csv"));
      if (!ours.equals(theirs)) {
        mismatches.add(p.getFileName() + ": SRAM bandwidth " + ours + " vs " + theirs);
      }
    }
    assertTrue(mismatches.isEmpty(), () -> String.join("\n", mismatches));
  }

  /** LayerID and the three SRAM bandwidth columns of each row. */
  private static List<String> sramColumns(Path report) throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(report)) {
      rows.add(String.join(",", Arrays.copyOfRange(line.split(","), 0, 4)));
    }
    return rows;
  }
}
