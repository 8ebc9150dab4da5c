package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tritium estimate --report DIR} and the energy split under the estimate table. */
class EstimateReportTest extends CliTestBase {

  @TempDir Path dir;

  private Path smallConfig() throws IOException {
    return smallConfig(dir);
  }

  @Test
  void writesReportsPerPhaseAndPrintsTheSplit() throws IOException {
    Path reports = dir.resolve("reports");
    assertEquals(0, run("estimate", "--model", smallConfig().toString(), "--context", "16", "--tokens", "4",
        "--no-crosscheck", "--report", reports.toString()), err.toString());
    String o = out.toString();
    assertTrue(o.contains("energy_by_level") && o.contains("  compute ") && o.contains("  dram ")
        && o.contains("  sram.weight "), o);
    for (String phase : new String[] {"decode", "prefill"}) {
      for (String f : new String[] {"energy.csv", "area.csv", "totals.json", "design.json", "layers.csv",
          "report.html"}) {
        assertTrue(Files.size(reports.resolve(phase).resolve(f)) > 0, phase + "/" + f);
      }
      String html = Files.readString(reports.resolve(phase).resolve("report.html"));
      for (String chart : new String[] {"roofline", "layer-latency", "energy-by-unit", "energy-by-level"}) {
        assertTrue(marks(html, chart) > 0, phase + ": chart " + chart + " missing or empty");
      }
    }
    assertTrue(Files.readString(reports.resolve("prefill/totals.json")).contains("\"tokens\" : 4"));
    // The roofline: DRAM MB per token at the arch's 19.2 GB/s peak, and the fraction the design reaches.
    Matcher roof = Pattern.compile("(?m)^  roofline: ([\\d.]+) MB of DRAM traffic per token at the 19\\.2 GB/s peak"
        + " = ([\\d.]+) ms/token; this design reaches ([\\d.]+)% of it$").matcher(o);
    Matcher perToken = Pattern.compile("(?m)^  => ([\\d.]+) ms/token").matcher(o);
    for (int phase = 0; phase < 2; phase++) {
      assertTrue(roof.find() && perToken.find(), o);
      double mb = Double.parseDouble(roof.group(1));
      double roofMs = Double.parseDouble(roof.group(2));
      // Printed MB and ms are rounded (0.05 MB, 0.0005 ms): compare within what the rounding allows.
      assertEquals(mb / 19.2, roofMs, 0.05 / 19.2 + 5e-4, o);
      double reached = Double.parseDouble(roof.group(3));
      double ms = Double.parseDouble(perToken.group(1));
      assertEquals(100 * roofMs / ms, reached, 100 * 5e-4 / ms + 0.05 + 0.05 * reached, o);
      assertTrue(reached > 0 && reached <= 100, o);
    }
    // The table's energy column and the split under it are one pricing: total = dynamic, per phase.
    Matcher total = Pattern.compile("(?m)^  total +[\\d,]+ +[\\d.]+ +100\\.0% +([\\d.]+)$").matcher(o);
    Matcher dynamic = Pattern.compile("(?m)^  dynamic +([\\d.eE+-]+) ").matcher(o);
    for (int phase = 0; phase < 2; phase++) {
      assertTrue(total.find() && dynamic.find(), o);
      double table = Double.parseDouble(total.group(1));
      assertEquals(table, Double.parseDouble(dynamic.group(1)), 1e-4 * table + 1e-4, o);
    }
  }

  /** Data marks inside the chart svg with this id (0 when the chart is absent). */
  private static long marks(String html, String id) {
    Matcher m = Pattern.compile("<svg\\b[^>]*\\bid=\"" + id + "\"[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(html);
    return m.find() ? Pattern.compile("class=\"mark\\b").matcher(m.group(1)).results().count() : 0;
  }

  @Test
  void oneDirectoryForOnePhase() throws IOException {
    Path reports = dir.resolve("one");
    assertEquals(0, run("estimate", "--model", smallConfig().toString(), "--phase", "decode", "--context", "16",
        "--no-crosscheck", "--report", reports.toString()), err.toString());
    assertTrue(Files.exists(reports.resolve("energy.csv")));
    assertTrue(Files.readString(reports.resolve("report.html")).contains("id=\"roofline\""));
    assertFalse(Files.exists(reports.resolve("decode")));
  }

  @Test
  void autoUnitPicksTheUnitWhoseDecodeLayerIsFasterAndSaysSo() throws IOException {
    assertEquals(0, run("estimate", "--model", smallConfig().toString(), "--context", "16", "--phase", "decode",
        "--no-crosscheck"), err::toString);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "ternary unit (\\w+) \\(auto: decode layer cycles mac ([\\d,]+), lut ([\\d,]+)\\)").matcher(out.toString());
    assertTrue(m.find(), out::toString);
    long mac = Long.parseLong(m.group(2).replace(",", ""));
    long lut = Long.parseLong(m.group(3).replace(",", ""));
    assertEquals(lut < mac ? "lut" : "mac", m.group(1));
    out.getBuffer().setLength(0);
    assertEquals(0, run("estimate", "--model", smallConfig().toString(), "--context", "16", "--phase", "decode",
        "--no-crosscheck", "--unit", "mac"), err::toString);
    assertTrue(out.toString().contains("ternary unit mac\n"), out::toString);
    assertEquals(2, run("estimate", "--unit", "dsp"));
    assertTrue(err.toString().contains("--unit: expected mac, lut or auto, got 'dsp'"), err::toString);
  }
}
