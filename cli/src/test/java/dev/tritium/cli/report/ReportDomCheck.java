package dev.tritium.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report's presence check on an HTML/DOM text (the page as written, or as Chromium rendered it):
 * each chart's {@code <svg>} with its id and at least a minimum number of data marks, and the top-designs
 * table with at least a minimum number of rows.
 */
final class ReportDomCheck {

  /** Minimum marks per chart for the sweep fixture: 12 ok points; 2 roof lines + 9 placeable layers; 10 layers... */
  static final Map<String, Integer> SWEEP_FIXTURE = new LinkedHashMap<>(Map.of("pareto-scatter", 12, "roofline", 11,
      "layer-latency", 10, "energy-by-unit", 10, "energy-by-level", 10));

  private static final Pattern SVG = Pattern.compile("<svg\\b[^>]*\\bid=\"([^\"]+)\"[^>]*>(.*?)</svg>", Pattern.DOTALL);
  private static final Pattern MARK = Pattern.compile("class=\"mark\\b");
  private static final Pattern TABLE_ROW = Pattern.compile("<tr\\b");

  private ReportDomCheck() {}

  /** Marks inside each chart svg, by id. */
  static Map<String, Integer> marksByChart(String dom) {
    Map<String, Integer> out = new LinkedHashMap<>();
    Matcher m = SVG.matcher(dom);
    while (m.find()) {
      out.put(m.group(1), (int) MARK.matcher(m.group(2)).results().count());
    }
    return out;
  }

  /** Data rows (header excluded) of the table with this id, or -1 when absent. */
  static int tableRows(String dom, String id) {
    int start = dom.indexOf("<table id=\"" + id + "\"");
    if (start < 0) {
      return -1;
    }
    int end = dom.indexOf("</table>", start);
    return (int) TABLE_ROW.matcher(dom.substring(start, end)).results().count() - 1;
  }

  /** What is missing: empty when every chart has its marks and the table its rows. */
  static List<String> problems(String dom, Map<String, Integer> minMarks, int minTopDesigns) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> marks = marksByChart(dom);
    minMarks.forEach((id, min) -> {
      Integer n = marks.get(id);
      if (n == null) {
        problems.add("chart <svg id=\"" + id + "\"> is missing");
      } else if (n < min) {
        problems.add("chart " + id + " has " + n + " marks, expected at least " + min);
      }
    });
    int rows = tableRows(dom, "top-designs");
    if (rows < minTopDesigns) {
      problems.add("table top-designs has " + rows + " rows, expected at least " + minTopDesigns);
    }
    return problems;
  }
}
