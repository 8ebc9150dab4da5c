package dev.tritium.cli.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XyChartTest {

  /** Plot area 300 x 200 px at (50, 10); log x 1..1000, linear y 0..10. */
  private static XyChart chart() {
    return new XyChart("xy", "test", new Frame(500, 250, 50, 150, 10, 40), LogScale.decades(1, 1000, 0, 1),
        LinearScale.nice(0, 10, 5, 0, 1), "intensity (ops/byte)", "throughput (ops/s)");
  }

  @Test
  void pointsLandWhereTheScalesSay() {
    String svg = chart().points(List.of(new XyChart.Point(10, 5, 4, "#123456", "layer", "tip", null))).render();
    // x: one decade of three -> 50 + 100; y: half of 200 px up from 210 -> 110.
    assertTrue(svg.contains("<circle class=\"mark point layer\" cx=\"150\" cy=\"110\" r=\"4\" fill=\"#123456\">"
        + "<title>tip</title></circle>"), svg);
    assertTrue(svg.contains(">intensity (ops/byte)</text>"), svg);
    assertTrue(svg.contains(">throughput (ops/s)</text>"), svg);
  }

  @Test
  void linesAreClippedToThePlotArea() {
    String svg = chart().line(new XyChart.Line(List.of(1.0, 1000.0), List.of(0.0, 20.0), "#ff0000", "roof", "t",
        "label", 1, "end")).render();
    assertTrue(svg.contains("<clipPath id=\"xy-plot-area\"><rect x=\"50\" y=\"10\" width=\"300\" height=\"200\"/>"),
        svg);
    assertTrue(svg.contains("<g class=\"lines\" clip-path=\"url(#xy-plot-area)\">"), svg);
    // (1, 0) -> (50, 210); (1000, 20) -> (350, -190), beyond the top: the clip cuts it.
    assertTrue(svg.contains("d=\"M50 210 L350 -190\""), svg);
  }

  @Test
  void coincidentPointsShareOneLabel() {
    XyChart c = chart().points(List.of(new XyChart.Point(10, 5, 4, "#000000", "", null, "q_proj"),
        new XyChart.Point(10.01, 5, 4, "#000000", "", null, "k_proj"),
        new XyChart.Point(100, 5, 4, "#000000", "", null, "lm_head")));
    Map<XyChart.Point, String> labels = c.mergedLabels();
    assertEquals(List.of("q_proj, k_proj", "lm_head"), List.copyOf(labels.values()));
  }

  @Test
  void refusesPointsOffTheScale() {
    assertThrows(IllegalArgumentException.class,
        () -> chart().points(List.of(new XyChart.Point(0, 5, 4, "#000000", "", null, null))));
  }

  @Test
  void labelsTakeTheFirstFreeSpotAroundTheirPoint() {
    LabelLayout l = new LabelLayout();
    // Point at (100, 100), radius 4: right of it, baseline 4 px below the centre.
    assertEquals(new LabelLayout.Placement(107, 104, "start"), l.place(100, 100, 4, "attention"));
    // A neighbour at the same spot: right is taken, so above-right.
    assertEquals(new LabelLayout.Placement(107, 104 - LabelLayout.LINE_HEIGHT, "start"), l.place(100, 100, 4, "norms"));
    // A third: below-right.
    assertEquals(new LabelLayout.Placement(107, 104 + LabelLayout.LINE_HEIGHT, "start"), l.place(100, 100, 4, "rope"));
    // A fourth: left of the point, anchored at its end.
    assertEquals(new LabelLayout.Placement(93, 104, "end"), l.place(100, 100, 4, "residual"));
    // Far away: right again.
    assertEquals(new LabelLayout.Placement(407, 104, "start"), l.place(400, 100, 4, "far away"));
  }

  @Test
  void whenEverySpotIsTakenLabelsStackDownwards() {
    LabelLayout l = new LabelLayout();
    for (int i = 0; i < 6; i++) {
      l.place(100, 100, 4, "label" + i);
    }
    // Right, above-right, below-right are taken: the seventh goes two lines below the right-hand spot.
    assertEquals(new LabelLayout.Placement(107, 104 + 2 * LabelLayout.LINE_HEIGHT, "start"), l.place(100, 100, 4, "x"));
  }
}
