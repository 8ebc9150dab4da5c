package dev.tritium.cli.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StackedBarChartTest {

  private static final Pattern BAR = Pattern.compile(
      "<rect class=\"mark bar\" x=\"([-\\d.]+)\" y=\"([-\\d.]+)\" width=\"([\\d.]+)\" height=\"([\\d.]+)\"");

  /** Plot area 200 x 100 px at (50, 10). */
  private static StackedBarChart chart() {
    return new StackedBarChart("bars", "test", new Frame(400, 150, 50, 150, 10, 40), List.of("a", "b"), "layer",
        "latency (ns)", "ns")
        .series(new StackedBarChart.Series("compute", "#000000", List.of(1.0, 4.0)))
        .series(new StackedBarChart.Series("memory", "#ffffff", List.of(2.0, 0.0)));
  }

  @Test
  void stacksSegmentsOnAZeroBasedNiceAxis() {
    StackedBarChart c = chart();
    // Tallest stack 4 -> nice(0, 4, 5): step 1, domain 0..4.
    assertEquals(4, c.yScale().domainMax(), 0);
    assertEquals(3, c.total(0), 0);
    List<double[]> bars = bars(c.render());
    // The zero-height segment (b / memory) is not drawn.
    assertEquals(3, bars.size());
    // Slots are 100 px wide, bars 70 px centred: a at x 65..135.
    double[] aCompute = bars.get(0);
    assertEquals(65, aCompute[0], 1e-9);
    assertEquals(70, aCompute[2], 1e-9);
    // a/compute 1 of 4 -> 25 px from the bottom (y 110): y 85..110.
    assertEquals(85, aCompute[1], 1e-9);
    assertEquals(25, aCompute[3], 1e-9);
    // a/memory stacks on top: 50 px, y 35..85.
    assertEquals(35, bars.get(1)[1], 1e-9);
    assertEquals(50, bars.get(1)[3], 1e-9);
    // b/compute 4 of 4 fills the plot height.
    assertEquals(10, bars.get(2)[1], 1e-9);
    assertEquals(100, bars.get(2)[3], 1e-9);
  }

  @Test
  void tooltipsCarryValueUnitAndShare() {
    String svg = chart().render();
    assertTrue(svg.contains("<title>a / memory: 2 ns (66.7%)</title>"), svg);
    assertTrue(svg.contains("id=\"bars\""));
  }

  @Test
  void rejectsMismatchedOrNegativeSeries() {
    StackedBarChart c = chart();
    assertThrows(IllegalArgumentException.class,
        () -> c.series(new StackedBarChart.Series("x", "#000000", List.of(1.0))));
    assertThrows(IllegalArgumentException.class, () -> new StackedBarChart.Series("x", "#000000", List.of(-1.0)));
  }

  private static List<double[]> bars(String svg) {
    List<double[]> out = new ArrayList<>();
    Matcher m = BAR.matcher(svg);
    while (m.find()) {
      out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
          Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))});
    }
    return out;
  }
}
