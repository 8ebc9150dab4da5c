package dev.tritium.cli.report;

import static dev.tritium.cli.report.svg.Xml.escape;

import dev.tritium.cli.report.model.AreaRecord;
import dev.tritium.cli.report.model.DesignPoint;
import dev.tritium.cli.report.model.DesignProfile;
import dev.tritium.cli.report.model.FormatTable;
import dev.tritium.cli.report.model.Objective;
import dev.tritium.cli.report.model.ReportData;
import dev.tritium.cli.report.model.SweepResults;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The self-contained report page: inline CSS and inline SVG, no script and nothing fetched from the
 * network (tooltips are SVG {@code <title>} elements). Sections: summary, Pareto scatter, roofline,
 * per-layer latency, energy by unit and by memory level, parameter table of the top designs.
 */
public final class ReportPage {

  /** Rows of the top-designs table. */
  public static final int TOP_DESIGNS = 10;

  /** Metrics shown in the top-designs table after the objectives, when the sweep has them. */
  static final List<String> TABLE_METRICS = List.of("latency_ms", "energy_mJ", "area_um2", "power_W",
      "tokens_per_s", "tokens_per_s_per_W");

  private static final String CSS = """
      body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:24px 32px;color:#222;background:#fff;max-width:1340px}
      h1{font-size:24px;margin:0 0 4px} h2{font-size:18px;margin:28px 0 6px;border-bottom:1px solid #ddd;padding-bottom:3px}
      .sub{color:#555;margin:0 0 12px} .caption{color:#555;font-size:13px;margin:4px 0 0}
      .notes{background:#fff8e1;border:1px solid #f0d98c;padding:8px 14px;font-size:13px}
      .missing{background:#f4f4f4;border:1px dashed #bbb;padding:14px;color:#555;font-size:14px}
      .row{display:flex;flex-wrap:wrap;gap:16px}
      .table-wrap{overflow-x:auto;max-width:100%}
      table{border-collapse:collapse;font-size:12px;margin-top:6px}
      th,td{border:1px solid #ddd;padding:3px 8px;text-align:right} th{background:#f2f2f2}
      td.text,th.text{text-align:left} tr.chosen td{background:#fdecea;font-weight:bold}
      svg.chart{display:block;background:#fff}
      svg .grid{stroke:#e6e6e6;stroke-width:1} svg .grid.minor{stroke:#f3f3f3}
      svg .axis,svg .tick-mark{stroke:#444;stroke-width:1}
      svg text{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;fill:#333}
      svg .tick{font-size:11px} svg .axis-title{font-size:13px;fill:#222}
      svg .legend-label,svg .legend-title{font-size:12px} svg .point-label,svg .line-label{font-size:11px}
      svg .point-label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
      svg .point{stroke:#fff;stroke-width:0.8} svg .point.front{stroke:#111;stroke-width:1.6}
      svg .point.infeasible{fill:none;stroke:#bbb;stroke-width:1.2}
      svg .point.chosen{fill:none;stroke:#d62728;stroke-width:2.2} svg .point.layer{stroke:#222;stroke-width:1}
      svg .line{fill:none;stroke-width:2.2} svg .roof.bandwidth{stroke-dasharray:7 4}
      svg .swatch.ring{stroke-width:2} svg .swatch-line{stroke-width:2.2;fill:none}
      svg .swatch-line.dashed{stroke-dasharray:5 3} svg .bar{stroke:#fff;stroke-width:0.5}
      """;

  private ReportPage() {}

  public static String render(ReportData data) {
    StringBuilder h = new StringBuilder(64 * 1024);
    String title = data.sweep().map(s -> "Tritium sweep report: " + s.name())
        .orElseGet(() -> data.design().map(d -> "Tritium design report: " + d.name())
            .orElseGet(() -> "Tritium format comparison: " + data.formats().orElseThrow().model() + " on "
                + data.formats().orElseThrow().arch()));
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(escape(title))
        .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(escape(title)).append("</h1>\n");
    h.append("<p class=\"sub\">").append(escape(summary(data))).append("</p>\n");
    if (!data.notes().isEmpty()) {
      h.append("<div class=\"notes\" id=\"notes\"><b>Notes</b><ul>\n");
      data.notes().forEach(n -> h.append("<li>").append(escape(n)).append("</li>\n"));
      h.append("</ul></div>\n");
    }
    data.formats().ifPresent(f -> formatSection(h, f));
    if (data.formatsOnly()) {
      h.append("</body>\n</html>\n");
      return h.toString();
    }
    paretoSection(h, data.sweep());
    Optional<DesignProfile> design = data.design();
    h.append("<h2>Roofline of each layer type on the chosen design</h2>\n");
    figure(h, design.flatMap(ReportCharts::roofline), "No roofline: it needs design.json (peaks) and layers.csv "
        + "(ops and DRAM bytes per layer type) of the chosen design.");
    h.append("<h2>Per-layer latency: compute vs memory-bound time</h2>\n");
    figure(h, design.flatMap(ReportCharts::layerLatency), "No per-layer timing (layers.csv) of the chosen design.");
    h.append("<h2>Energy breakdown by unit and by memory level</h2>\n<div class=\"row\">\n");
    figure(h, design.flatMap(ReportCharts::energyByUnit), "No energy.csv for the chosen design.");
    figure(h, design.flatMap(ReportCharts::energyByLevel), "No energy.csv for the chosen design.");
    h.append("</div>\n");
    parameterSection(h, data);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static String summary(ReportData data) {
    List<String> parts = new ArrayList<>();
    data.sweep().ifPresent(s -> {
      parts.add(s.description().isEmpty() ? s.name() : s.description());
      parts.add("workload " + s.workload());
      parts.add(String.format(java.util.Locale.ROOT, "%d points: %d ok, %d infeasible, %d failed; %d on the Pareto front",
          s.points().size(), s.count("ok"), s.count("infeasible"), s.count("failed"), s.paretoIds().size()));
      parts.add(s.chosen().map(p -> "chosen design: point " + p.pointId() + ", best " + s.objectives().get(0).metric())
          .orElse("no chosen design"));
    });
    data.design().ifPresent(d -> {
      if (data.sweep().isEmpty()) {
        parts.add("design " + d.name());
        d.info().filter(i -> !i.workload().isEmpty()).ifPresent(i -> parts.add("workload " + i.workload()));
      }
    });
    parts.add("source " + data.source());
    return String.join(" · ", parts);
  }

  private static void paretoSection(StringBuilder h, Optional<SweepResults> sweep) {
    h.append("<h2>Pareto scatter: latency vs energy, colour by ")
        .append(sweep.map(ReportCharts::paretoColouring).orElse("area")).append("</h2>\n");
    if (sweep.isEmpty()) {
      h.append("<p class=\"missing\" id=\"pareto-missing\">Single-design report: there is no sweep in this "
          + "directory, so there is no Pareto section. Run <code>tritium dse --sweep FILE --out DIR</code> for one.</p>\n");
      return;
    }
    figure(h, ReportCharts.pareto(sweep.get()), "No point of the sweep has both latency_ms and energy_mJ.");
  }

  private static void figure(StringBuilder h, Optional<ReportCharts.Figure> f, String missing) {
    h.append("<figure style=\"margin:0\">\n");
    if (f.isPresent()) {
      h.append(f.get().svg()).append("<figcaption class=\"caption\">").append(escape(f.get().caption()))
          .append("</figcaption>\n");
    } else {
      h.append("<p class=\"missing\">").append(escape(missing)).append("</p>\n");
    }
    h.append("</figure>\n");
  }

  /** compare --formats: the table as the command prints it, then one bar chart per simulated figure. */
  private static void formatSection(StringBuilder h, FormatTable t) {
    h.append("<h2>Weight formats: ").append(escape(t.workload())).append("</h2>\n");
    h.append("<div class=\"table-wrap\"><table id=\"formats\">\n<tr><th class=\"text\">format</th><th>bits/w</th>"
        + "<th>footprint_MB</th><th class=\"text\">stored_as</th><th>dram_MB/token</th><th>tokens/s</th>"
        + "<th>mJ/token</th><th>area_mm2</th><th>proj_ms/token</th><th>proj_dram_MB/token</th><th>proj_mJ/token</th>"
        + "<th class=\"text\">note</th></tr>\n");
    for (FormatTable.Row r : t.rows()) {
      h.append("<tr><td class=\"text\">").append(escape(r.format())).append("</td><td>")
          .append(String.format(java.util.Locale.ROOT, "%.3f", r.bitsPerWeight())).append("</td><td>")
          .append(String.format(java.util.Locale.ROOT, "%.1f", r.footprintMb())).append("</td><td class=\"text\">")
          .append(escape(r.storedAs())).append("</td><td>").append(cell(r.dramMbPerToken(), "%.1f")).append("</td><td>")
          .append(cell(r.tokensPerS(), "%.2f")).append("</td><td>").append(cell(r.mjPerToken(), "%.3f"))
          .append("</td><td>").append(cell(r.areaMm2(), "%.3f")).append("</td><td>")
          .append(cell(r.projectionsMsPerToken(), "%.2f")).append("</td><td>")
          .append(cell(r.projectionsDramMbPerToken(), "%.1f")).append("</td><td>")
          .append(cell(r.projectionsMjPerToken(), "%.3f")).append("</td><td class=\"text\">")
          .append(escape(r.note())).append("</td></tr>\n");
    }
    h.append("</table></div>\n");
    List<ReportCharts.Figure> charts = ReportCharts.formats(t);
    if (charts.isEmpty()) {
      h.append("<p class=\"missing\">No format of this comparison runs on the accelerator, so none has simulated"
          + " figures to draw.</p>\n");
      return;
    }
    h.append("<div class=\"row\">\n");
    for (ReportCharts.Figure c : charts) {
      // As wide as its chart, so that the captions wrap and the three charts stand side by side.
      h.append("<figure style=\"margin:0;max-width:440px\">\n").append(c.svg())
          .append("<figcaption class=\"caption\">").append(escape(c.caption())).append("</figcaption>\n</figure>\n");
    }
    h.append("</div>\n");
  }

  private static String cell(java.util.OptionalDouble v, String pattern) {
    return v.isPresent() ? String.format(java.util.Locale.ROOT, pattern, v.getAsDouble()) : "-";
  }

  private static void parameterSection(StringBuilder h, ReportData data) {
    if (data.sweep().isPresent()) {
      SweepResults s = data.sweep().get();
      h.append("<h2>Top designs (Pareto front, best first)</h2>\n");
      List<DesignPoint> top = s.frontBestFirst();
      if (top.isEmpty()) {
        h.append("<p class=\"missing\">The Pareto front is empty.</p>\n");
      } else {
        topTable(h, s, top.subList(0, Math.min(TOP_DESIGNS, top.size())));
        h.append("<p class=\"caption\">Front points ordered by ").append(escape(ReportCharts.objectivesText(s)))
            .append(", ties by the next objective; the first row is the chosen design (").append(top.size())
            .append(" front points, ").append(Math.min(TOP_DESIGNS, top.size())).append(" shown).</p>\n");
      }
    }
    data.design().ifPresent(d -> designTable(h, d));
  }

  private static void topTable(StringBuilder h, SweepResults s, List<DesignPoint> rows) {
    LinkedHashSet<String> metrics = new LinkedHashSet<>();
    s.objectives().stream().map(Objective::metric).forEach(metrics::add);
    TABLE_METRICS.stream().filter(s.metricKeys()::contains).forEach(metrics::add);
    h.append("<div class=\"table-wrap\"><table id=\"top-designs\">\n<tr><th>rank</th><th>point_id</th>");
    s.parameterKeys().forEach(k -> h.append("<th class=\"text\">").append(breakable(k)).append("</th>"));
    metrics.forEach(m -> h.append("<th>").append(breakable(m)).append("</th>"));
    h.append("</tr>\n");
    long chosen = s.chosen().map(DesignPoint::pointId).orElse(-1L);
    for (int i = 0; i < rows.size(); i++) {
      DesignPoint p = rows.get(i);
      h.append(p.pointId() == chosen ? "<tr class=\"chosen\">" : "<tr>").append("<td>").append(i + 1).append("</td><td>")
          .append(p.pointId()).append("</td>");
      p.parameters().values().forEach(v -> h.append("<td class=\"text\">").append(escape(v)).append("</td>"));
      for (String m : metrics) {
        h.append("<td>").append(p.metric(m).isPresent() ? significant(p.metric(m).getAsDouble()) : "").append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table></div>\n");
  }

  /** A column name with break opportunities after dots and underscores, so long keys wrap in headers. */
  static String breakable(String name) {
    return escape(name).replaceAll("([._])", "$1<wbr>");
  }

  private static void designTable(StringBuilder h, DesignProfile d) {
    h.append("<h2>Design parameters: ").append(escape(d.name())).append("</h2>\n<table id=\"design-parameters\">\n");
    row(h, "design", d.name());
    d.info().ifPresent(info -> {
      info.pointId().ifPresent(id -> row(h, "point_id", Long.toString(id)));
      row(h, "clock_mhz", significant(info.clockMhz()));
      row(h, "peak_compute_ops_per_s", significant(info.peakOpsPerS()));
      row(h, "peak_dram_bandwidth_GBps", significant(info.peakDramGBps()));
      // The fixed rows above already show the clock.
      info.parameters().forEach((k, v) -> {
        if (!k.equals("clock_mhz")) {
          row(h, k, v);
        }
      });
    });
    for (AreaRecord a : d.area()) {
      row(h, "area_um2 " + a.unit(), significant(a.areaUm2()));
    }
    if (!d.area().isEmpty()) {
      row(h, "area_um2 total", significant(d.area().stream().mapToDouble(AreaRecord::areaUm2).sum()));
    }
    h.append("</table>\n");
  }

  private static void row(StringBuilder h, String key, String value) {
    h.append("<tr><th class=\"text\">").append(escape(key)).append("</th><td class=\"text\">").append(escape(value))
        .append("</td></tr>\n");
  }

  /** Five significant digits, plain notation. */
  static String significant(double v) {
    if (v == 0) {
      return "0";
    }
    BigDecimal d = new BigDecimal(v).round(new MathContext(5)).stripTrailingZeros();
    return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
  }
}
