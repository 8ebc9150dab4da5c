package dev.tritium.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.cli.report.read.ReportReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPageTest {

  @TempDir Path tmp;

  private String render(String fixture) throws IOException {
    return ReportPage.render(ReportReader.read(Fixtures.copy(fixture, tmp.resolve(fixture))));
  }

  @Test
  void sweepPageHasEveryChartWithItsMarks() throws IOException {
    String html = render("sweep");
    assertEquals(List.of(), ReportDomCheck.problems(html, ReportDomCheck.SWEEP_FIXTURE, 4));
    Map<String, Integer> marks = ReportDomCheck.marksByChart(html);
    // 12 ok points + the chosen ring; the infeasible rows of this sweep have no latency (area-limited).
    assertEquals(13, marks.get("pareto-scatter"));
    // 2 roofs + 9 layer types (norms moves no DRAM bytes: not placeable on log axes).
    assertEquals(11, marks.get("roofline"));
    // 10 layers x (compute, memory-bound, other), less norms' zero memory-bound segment (not drawn).
    assertEquals(29, marks.get("layer-latency"));
  }

  @Test
  void checkFailsWhenAChartOrItsMarksAreMissing() throws IOException {
    String html = render("sweep");
    String noRoofline = Pattern.compile("<svg[^>]*id=\"roofline\".*?</svg>", Pattern.DOTALL).matcher(html)
        .replaceFirst("");
    assertEquals(List.of("chart <svg id=\"roofline\"> is missing"),
        ReportDomCheck.problems(noRoofline, ReportDomCheck.SWEEP_FIXTURE, 4));
    String fewBars = html.replaceFirst("class=\"mark bar\"", "class=\"bar\"");
    assertEquals(List.of("chart layer-latency has 28 marks, expected at least 29"),
        ReportDomCheck.problems(fewBars, Map.of("layer-latency", 29), 4));
    assertEquals(List.of("table top-designs has 4 rows, expected at least 5"),
        ReportDomCheck.problems(html, Map.of(), 5));
  }

  @Test
  void pageIsSelfContained() throws IOException {
    for (String fixture : List.of("sweep", "design")) {
      String html = render(fixture);
      assertFalse(html.contains("<script"), "no script");
      assertFalse(html.contains("<link"), "no linked stylesheet");
      assertFalse(Pattern.compile("\\b(src|href)=").matcher(html).find(), "nothing fetched");
      assertFalse(html.contains("@import") || html.contains("@font-face"), "no imported css or fonts");
      // The only URL is the SVG namespace name, which browsers never fetch.
      assertEquals(html.split("http", -1).length - 1, html.split("http://www.w3.org/2000/svg", -1).length - 1);
    }
  }

  @Test
  void topDesignsTableStartsWithTheChosenPoint() throws IOException {
    String html = render("sweep");
    int table = html.indexOf("<table id=\"top-designs\">");
    String firstRow = html.substring(html.indexOf("<tr class=", table), html.indexOf("</tr>", html.indexOf("<tr class=",
        table)));
    assertTrue(firstRow.startsWith("<tr class=\"chosen\"><td>1</td><td>11</td><td class=\"text\">32</td>"), firstRow);
    assertTrue(firstRow.contains("<td>518.46</td><td>297.99</td><td>2052900</td>"), firstRow);
    assertEquals(4, ReportDomCheck.tableRows(html, "top-designs"));
    assertTrue(html.contains("chosen design: point 11, best latency_ms"));
  }

  @Test
  void longColumnNamesMayBreakAfterDotsAndUnderscores() {
    assertEquals("mac_<wbr>array.<wbr>rows", ReportPage.breakable("mac_array.rows"));
    assertEquals("a&lt;b", ReportPage.breakable("a<b"));
  }

  @Test
  void singleDesignPageSaysThereIsNoParetoSection() throws IOException {
    String html = render("design");
    assertTrue(html.contains("id=\"pareto-missing\""));
    assertTrue(html.contains("Single-design report: there is no sweep in this directory"));
    Map<String, Integer> marks = ReportDomCheck.marksByChart(html);
    assertFalse(marks.containsKey("pareto-scatter"));
    assertEquals(List.of("roofline", "layer-latency", "energy-by-unit", "energy-by-level"), List.copyOf(marks.keySet()));
    assertTrue(html.contains("<table id=\"design-parameters\">"));
  }

  @Test
  void sweepWithoutProfileExplainsTheEmptySections() throws IOException {
    Path d = Fixtures.copy("sweep", tmp.resolve("bare"));
    for (String f : List.of("design.json", "layers.csv", "energy.csv", "area.csv")) {
      Files.delete(d.resolve(f));
    }
    String html = ReportPage.render(ReportReader.read(d));
    assertEquals(List.of("pareto-scatter"), List.copyOf(ReportDomCheck.marksByChart(html).keySet()));
    assertTrue(html.contains("DIR has no profile of the chosen design"));
    assertTrue(html.contains("No per-layer timing (layers.csv) of the chosen design."));
  }

  @Test
  void everyAxisTitleNamesItsUnit() throws IOException {
    String html = render("sweep");
    for (String title : List.of("latency per step (ms)", "energy per step (mJ)", "area (mm²)",
        "operational intensity (ops/byte of DRAM traffic)", "attainable throughput (ops/s)", "latency (ms)",
        "energy (mJ)")) {
      assertTrue(html.contains(">" + title + "</text>"), title);
    }
  }
}
