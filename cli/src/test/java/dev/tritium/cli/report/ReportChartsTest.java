package dev.tritium.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.cli.report.model.DesignInfo;
import dev.tritium.cli.report.model.DesignPoint;
import dev.tritium.cli.report.model.DesignProfile;
import dev.tritium.cli.report.model.EnergyRecord;
import dev.tritium.cli.report.model.LayerTiming;
import dev.tritium.cli.report.model.Objective;
import dev.tritium.cli.report.model.SweepResults;
import dev.tritium.cli.report.svg.LinearScale;
import dev.tritium.cli.report.svg.LogScale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportChartsTest {

  private static DesignPoint point(long id, String status, double latency, double energy, double area) {
    return new DesignPoint(id, Map.of("p", Long.toString(id)), Map.of("latency_ms", latency, "energy_mJ", energy,
        "area_um2", area), status, status.equals("ok") ? "" : "over a limit");
  }

  @Test
  void paretoDrawsOkAndInfeasiblePointsAndRingsTheChosenOne() {
    DesignPoint failed = new DesignPoint(4, Map.of("p", "4"), Map.of(), "failed", "mapping: no");
    SweepResults s = new SweepResults("t", "", "", List.of("p"), List.of("latency_ms", "energy_mJ", "area_um2"),
        List.of(new Objective("latency_ms", true), new Objective("energy_mJ", true)),
        List.of(point(0, "ok", 2, 5, 1e6), point(1, "ok", 3, 4, 2e6), point(2, "ok", 4, 6, 3e6),
            point(3, "infeasible", 1, 9, 4e6), failed), Set.of(0L, 1L));
    ReportCharts.Figure f = ReportCharts.pareto(s).orElseThrow();
    String svg = f.svg();
    assertEquals(3, count(svg, "class=\"mark point ok"));
    assertEquals(2, count(svg, "class=\"mark point ok front\""));
    assertEquals(1, count(svg, "class=\"mark point infeasible\""));
    assertEquals(1, count(svg, "class=\"mark point chosen\""));
    assertTrue(svg.contains(">chosen (0)</text>"), "point 0 is fastest among ok points");
    assertTrue(f.caption().startsWith("4 points drawn (3 ok, 1 infeasible); 1 failed points"), f.caption());
    // Areas 1..3 mm2 on viridis: the smallest is the first stop.
    assertTrue(svg.contains("fill=\"#440154\""), "area 1 mm2 in the darkest colour");
  }

  @Test
  void aSweepOverFormatsColoursItsPointsByFormat() {
    List<DesignPoint> points = List.of(
        new DesignPoint(0, Map.of("format", "bitnet-b1.58"), Map.of("latency_ms", 2.0, "energy_mJ", 5.0,
            "area_um2", 1e6), "ok", ""),
        new DesignPoint(1, Map.of("format", "bitnet-w1"), Map.of("latency_ms", 3.0, "energy_mJ", 4.0,
            "area_um2", 1e6), "ok", ""),
        new DesignPoint(2, Map.of("format", "bitnet-w1"), Map.of("latency_ms", 4.0, "energy_mJ", 6.0,
            "area_um2", 3e6), "ok", ""));
    SweepResults s = new SweepResults("t", "", "", List.of("format"), List.of("latency_ms", "energy_mJ", "area_um2"),
        List.of(new Objective("latency_ms", true)), points, Set.of(0L, 1L));
    assertEquals("format", ReportCharts.paretoColouring(s));
    String svg = ReportCharts.pareto(s).orElseThrow().svg();
    assertTrue(svg.contains("colour by format"), svg);
    // One palette colour per format, in first-seen order (red is kept for the chosen ring), and no area bar.
    assertEquals(1 + 1, count(svg, "fill=\"#4e79a7\""), "point 0 and its legend swatch");
    assertEquals(2 + 1, count(svg, "fill=\"#f28e2b\""), "points 1 and 2 and their legend swatch");
    assertTrue(svg.contains(">bitnet-w1</text>"), svg);
    assertTrue(!svg.contains("#440154"), "no viridis area colours");
    // One format only: back to area.
    SweepResults one = new SweepResults("t", "", "", List.of("format"), List.of("latency_ms", "energy_mJ"),
        List.of(new Objective("latency_ms", true)), points.subList(1, 3), Set.of(1L));
    assertEquals("area", ReportCharts.paretoColouring(one));
  }

  @Test
  void rooflineNamesLayersItCannotPlace() {
    DesignInfo info = new DesignInfo("d", OptionalLong.empty(), "", 250, 5.12e11, 19.2, Map.of());
    DesignProfile p = new DesignProfile("d", Optional.of(info), List.of(
        new LayerTiming("q_proj", 1000, 400, 500, 1e6, 1e5), new LayerTiming("norms", 10, 5, 0, 100, 0)),
        List.of(), List.of());
    ReportCharts.Figure f = ReportCharts.roofline(p).orElseThrow();
    // Two roofs and one layer point.
    assertEquals(3, count(f.svg(), "class=\"mark "));
    assertTrue(f.caption().endsWith("Not placeable on log axes (no ops or no DRAM bytes): norms."), f.caption());
    assertTrue(f.caption().contains("ridge at 26.7 ops/byte"), f.caption());
  }

  @Test
  void dramKeepsItsColourAcrossTheEnergyCharts() {
    DesignProfile p = new DesignProfile("d", Optional.empty(), List.of(), List.of(
        new EnergyRecord("q", "dram", "DRAM", "", 10), new EnergyRecord("q", "sram.weight", "SRAM", "", 5),
        new EnergyRecord("q", "sram.activation", "SRAM", "", 4), new EnergyRecord("q", "mac_array", "", "", 3)),
        List.of());
    String byUnit = ReportCharts.energyByUnit(p).orElseThrow().svg();
    String byLevel = ReportCharts.energyByLevel(p).orElseThrow().svg();
    assertTrue(byUnit.contains("fill=\"#e15759\"><title>q / dram:"), byUnit);
    assertTrue(byLevel.contains("fill=\"#e15759\"><title>q / DRAM:"), byLevel);
    // No other unit takes the DRAM colour.
    assertEquals(2, count(byUnit, "#e15759"), "the dram bar and its legend swatch only");
  }

  @Test
  void valueAxesTurnLogarithmicForWideRanges() {
    assertInstanceOf(LinearScale.class, ReportCharts.valueScale(new double[] {2, 150}));
    assertInstanceOf(LogScale.class, ReportCharts.valueScale(new double[] {1, 150}));
  }

  private static long count(String s, String what) {
    return Pattern.compile(Pattern.quote(what)).matcher(s).results().count();
  }
}
