package dev.tritium.cli.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SvgTest {

  @Test
  void numbersHaveAtMostTwoDecimals() {
    assertEquals("0", Svg.num(-0.001));
    assertEquals("12", Svg.num(12.0));
    assertEquals("12.5", Svg.num(12.5));
    assertEquals("12.35", Svg.num(12.3456));
    assertEquals("-3.1", Svg.num(-3.1));
    assertThrows(IllegalArgumentException.class, () -> Svg.num(Double.NaN));
  }

  @Test
  void polylinePathData() {
    assertEquals("M0 0 L10 5.5 L20.25 3", Svg.polylineData(new double[] {0, 10, 20.25}, new double[] {0, 5.5, 3}));
    assertThrows(IllegalArgumentException.class, () -> Svg.polylineData(new double[] {0}, new double[] {}));
  }

  @Test
  void textAndTooltipsAreEscaped() {
    String s = new Svg().circle(1, 2, 3, "mark", "#fff", "a<b & \"c\"").text(0, 0, "x<y", "t", "start", 0).toString();
    assertTrue(s.contains("<title>a&lt;b &amp; &quot;c&quot;</title></circle>"), s);
    assertTrue(s.contains(">x&lt;y</text>"), s);
    assertEquals("&lt;&amp;&gt;&#39;", Xml.escape("<&>'"));
  }

  @Test
  void rectClampsNegativeSizesAndRotatesText() {
    String s = new Svg().rect(0, 0, -5, 2, "bar", null, null).text(10, 20, "t", "c", "middle", -90).toString();
    assertTrue(s.contains("width=\"0\" height=\"2\"/>"), s);
    assertTrue(s.contains("transform=\"rotate(-90 10 20)\""), s);
  }
}
