package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SCALE-Sim v2 golden grid (simulator/src/test/resources/scalesim-v2: SCALE-Sim's own reports for 198 points,
 * made by its generate.py): on every point, CALC (54) and bandwidth-limited USER (144), {@code tritium scalesim}
 * writes SCALE-Sim's COMPUTE_REPORT, BANDWIDTH_REPORT and DETAILED_ACCESS_REPORT byte for byte: every column,
 * stall cycles, DRAM traffic and the start and stop cycles included.
 */
class ScaleSimGoldenGridTest extends CliTestBase {

  private static final Path GRID = Path.of("../simulator/src/test/resources/scalesim-v2/grid").toAbsolutePath()
      .normalize();
  private static final List<String> REPORTS = List.of("COMPUTE_REPORT.csv", "BANDWIDTH_REPORT.csv",
      "DETAILED_ACCESS_REPORT.csv");

  @TempDir Path tmp;

  @Test
  void everyPointMatchesAllThreeScaleSimReportsExactly() throws IOException {
    List<Path> points;
    try (Stream<Path> s = Files.list(GRID)) {
      points = s.filter(Files::isDirectory).sorted().toList();
    }
    assertEquals(54, points.stream().filter(p -> p.getFileName().toString().startsWith("calc_")).count(),
        "CALC points of the grid (grid/index.csv)");
    assertEquals(144, points.stream().filter(p -> p.getFileName().toString().startsWith("user_")).count(),
        "USER points of the grid (grid/index.csv)");
    List<String> mismatches = new ArrayList<>();
    for (Path p : points) {
      Path out = tmp.resolve(p.getFileName().toString());
      boolean gemm = p.getFileName().toString().contains("_gemm_");
      // The goldens were made under CPython 3.11, whose sum() adds left to right; SCALE-Sim ran with -i gemm
      // for the GEMM topologies.
      int code = run("scalesim", "--config", p.resolve("config.cfg").toString(), "--topology",
          p.resolve("topology.csv").toString(), "--topology-format", gemm ? "gemm" : "conv", "--out", out.toString(),
          "--python-sum", "sequential");
      assertEquals(0, code, () -> p + ": " + err);
      for (String report : REPORTS) {
        mismatches.addAll(compare(p.getFileName() + "/" + report, Files.readString(out.resolve(report)),
            Files.readString(p.resolve(report))));
      }
    }
    assertTrue(mismatches.isEmpty(), () -> mismatches.size() + " mismatches:\n" + String.join("\n", mismatches));
  }

  @Test
  void aGoldenValueChangedByOneFailsTheComparison() throws IOException {
    // Mutation check of compare(): the real golden against itself passes; with any one number of any column
    // changed by one in the last place (cycles, counts, floats) it fails, naming that column.
    Path point = GRID.resolve("user_os_16x16_s8_bw4_conv_14x14_3x3_c16_f32_s1");
    for (String report : REPORTS) {
      String golden = Files.readString(point.resolve(report));
      assertTrue(compare(report, golden, golden).isEmpty());
      String[] lines = golden.split("\n", -1);
      String[] header = lines[0].split(", ");
      String[] values = lines[1].split(", ");
      for (int col = 1; col < values.length; col++) {
        String[] mutated = values.clone();
        mutated[col] = bumpLastDigit(values[col].replace(",", ""));
        if (col == values.length - 1) {
          mutated[col] += ",";
        }
        String changed = lines[0] + "\n" + String.join(", ", mutated) + "\n";
        List<String> found = compare(report, changed, golden);
        String column = header[col].replace(",", "");
        assertEquals(1, found.size(), () -> report + " column " + column + ": " + found);
        assertTrue(found.get(0).contains(column), found::toString);
      }
    }
  }

  /** {@code text} with its last digit changed by one (9 becomes 8, others go up). */
  private static String bumpLastDigit(String text) {
    for (int i = text.length() - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (Character.isDigit(c)) {
        char d = c == '9' ? '8' : (char) (c + 1);
        return text.substring(0, i) + d + text.substring(i + 1);
      }
    }
    throw new IllegalArgumentException("no digit in " + text);
  }

  /** Column-by-column differences between our report and SCALE-Sim's, empty when byte-identical. */
  static List<String> compare(String what, String ours, String golden) {
    List<String> diffs = new ArrayList<>();
    if (ours.equals(golden)) {
      return diffs;
    }
    String[] o = ours.split("\n", -1);
    String[] g = golden.split("\n", -1);
    if (o.length != g.length) {
      diffs.add(what + ": " + o.length + " lines, SCALE-Sim has " + g.length);
      return diffs;
    }
    String[] header = g[0].split(",");
    for (int line = 0; line < g.length; line++) {
      String[] ov = o[line].split(",", -1);
      String[] gv = g[line].split(",", -1);
      if (ov.length != gv.length) {
        diffs.add(what + " line " + (line + 1) + ": " + ov.length + " fields, SCALE-Sim has " + gv.length);
        continue;
      }
      for (int i = 0; i < gv.length; i++) {
        if (!ov[i].equals(gv[i])) {
          String column = i < header.length ? header[i].strip() : "#" + i;
          diffs.add(what + " line " + (line + 1) + " " + column + ": ours '" + ov[i].strip() + "', SCALE-Sim '"
              + gv[i].strip() + "'");
        }
      }
    }
    return diffs;
  }
}
