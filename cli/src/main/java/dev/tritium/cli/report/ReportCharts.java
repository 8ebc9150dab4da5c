package dev.tritium.cli.report;

import dev.tritium.cli.report.model.DesignInfo;
import dev.tritium.cli.report.model.DesignPoint;
import dev.tritium.cli.report.model.DesignProfile;
import dev.tritium.cli.report.model.EnergyRecord;
import dev.tritium.cli.report.model.FormatTable;
import dev.tritium.cli.report.model.LayerTiming;
import dev.tritium.cli.report.model.SweepResults;
import dev.tritium.cli.report.svg.ColourScale;
import dev.tritium.cli.report.svg.Frame;
import dev.tritium.cli.report.svg.Legend;
import dev.tritium.cli.report.svg.LinearScale;
import dev.tritium.cli.report.svg.LogScale;
import dev.tritium.cli.report.svg.Palette;
import dev.tritium.cli.report.svg.Scale;
import dev.tritium.cli.report.svg.StackedBarChart;
import dev.tritium.cli.report.svg.TickFormat;
import dev.tritium.cli.report.svg.XyChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The report's charts, built from the data model. Each returns the SVG and a caption saying what is
 * drawn (and what could not be); ids are stable: pareto-scatter, roofline, layer-latency,
 * energy-by-unit, energy-by-level.
 */
public final class ReportCharts {

  /** A rendered chart. */
  public record Figure(String id, String svg, String caption) {}

  public static final String LATENCY = "latency_ms";
  public static final String ENERGY = "energy_mJ";
  public static final String AREA = "area_um2";

  /** Series beyond this many units are summed into "other units". */
  static final int MAX_UNIT_SERIES = 8;

  private static final String FRONT_STROKE = "#111111";

  /** Series whose colour means the same in every chart: memory levels, and the grey remainders. */
  static final Map<String, String> FIXED_COLOURS = Map.of("register", "#59a14f", "SRAM", "#4e79a7", "DRAM",
      "#e15759", "dram", "#e15759", "compute units", "#bab0ac", "other units", "#bab0ac");
  private static final String INFEASIBLE = "#bbbbbb";

  private ReportCharts() {}

  /** The sweep parameter that picks the projections' weight format (dse's {@code format} axis). */
  static final String FORMAT_KEY = "format";

  /**
   * What the Pareto scatter's colour shows: "format" when the sweep varies the weight format over more
   * than one value (the question is then which format wins on which design), else "area".
   */
  public static String paretoColouring(SweepResults sweep) {
    return formatsOf(sweep).size() > 1 ? "format" : "area";
  }

  /** The weight formats the sweep's points take, in first-seen order; empty when it has no format axis. */
  static List<String> formatsOf(SweepResults sweep) {
    if (!sweep.parameterKeys().contains(FORMAT_KEY)) {
      return List.of();
    }
    return sweep.points().stream().map(p -> p.parameters().get(FORMAT_KEY)).filter(java.util.Objects::nonNull)
        .distinct().toList();
  }

  /**
   * Latency vs energy of every ok point (and infeasible points that have both, hollow grey), coloured by
   * area, or by weight format when the sweep varies it; the Pareto front drawn larger with a dark outline,
   * the chosen design ringed. Empty when no point has latency and energy.
   */
  public static Optional<Figure> pareto(SweepResults sweep) {
    List<DesignPoint> drawn = sweep.points().stream()
        .filter(p -> !p.status().equals("failed") && p.metric(LATENCY).isPresent() && p.metric(ENERGY).isPresent())
        .toList();
    if (drawn.isEmpty()) {
      return Optional.empty();
    }
    Scale x = valueScale(drawn.stream().mapToDouble(p -> p.metric(LATENCY).getAsDouble()).toArray());
    Scale y = valueScale(drawn.stream().mapToDouble(p -> p.metric(ENERGY).getAsDouble()).toArray());
    double[] areasMm2 = drawn.stream().filter(DesignPoint::ok).filter(p -> p.metric(AREA).isPresent())
        .mapToDouble(p -> p.metric(AREA).getAsDouble() / 1e6).toArray();
    List<String> formats = formatsOf(sweep);
    boolean byFormat = formats.size() > 1;
    ColourScale colours = byFormat || areasMm2.length == 0 ? null
        : ColourScale.viridis(min(areasMm2), max(areasMm2));
    Map<String, String> formatColours = new LinkedHashMap<>();
    if (byFormat) {
      // The front and chosen-design rings are dark and red: the formats take the other palette colours.
      List<String> free = new ArrayList<>(Palette.TABLEAU10);
      free.remove("#e15759");
      for (int i = 0; i < formats.size(); i++) {
        formatColours.put(formats.get(i), free.get(i % free.size()));
      }
    }
    Frame f = new Frame(1100, 440, 80, 230, 20, 50);
    XyChart chart = new XyChart("pareto-scatter", "Pareto scatter: latency vs energy, colour by "
        + paretoColouring(sweep), f, x, y, "latency per step (ms)", "energy per step (mJ)");
    long chosen = sweep.chosen().map(DesignPoint::pointId).orElse(-1L);
    List<XyChart.Point> back = new ArrayList<>();
    List<XyChart.Point> front = new ArrayList<>();
    for (DesignPoint p : drawn) {
      double lat = p.metric(LATENCY).getAsDouble();
      double en = p.metric(ENERGY).getAsDouble();
      String tip = "point " + p.pointId() + " (" + p.status() + ")\n" + describe(p.parameters()) + "\nlatency "
          + TickFormat.si(lat) + " ms, energy " + TickFormat.si(en) + " mJ"
          + p.metric(AREA).stream().mapToObj(a -> ", area " + TickFormat.si(a / 1e6) + " mm²").findFirst().orElse("")
          + (p.reason().isEmpty() ? "" : "\n" + p.reason());
      if (!p.ok()) {
        back.add(new XyChart.Point(lat, en, 3.5, "none", "infeasible", tip, null));
        continue;
      }
      String fill = byFormat ? formatColours.getOrDefault(p.parameters().get(FORMAT_KEY), "#888888")
          : colours == null || p.metric(AREA).isEmpty() ? "#888888"
          : colours.colour(p.metric(AREA).getAsDouble() / 1e6);
      boolean onFront = sweep.onFront(p);
      (onFront ? front : back).add(new XyChart.Point(lat, en, onFront ? 7 : 4.5, fill,
          onFront ? "ok front" : "ok", tip, null));
      if (p.pointId() == chosen) {
        front.add(new XyChart.Point(lat, en, 12, "none", "chosen", "chosen design: point " + p.pointId(),
            "chosen (" + p.pointId() + ")"));
      }
    }
    chart.points(back).points(front);
    List<Legend.Entry> legend = new ArrayList<>();
    legend.add(new Legend.Entry("Pareto front (" + sweep.paretoIds().size() + ")", FRONT_STROKE, Legend.Shape.RING));
    if (byFormat) {
      formatColours.forEach((format, colour) -> legend.add(new Legend.Entry(format, colour, Legend.Shape.DOT)));
    } else {
      legend.add(new Legend.Entry("other ok points", "#888888", Legend.Shape.DOT));
    }
    legend.add(new Legend.Entry("infeasible (over a limit)", INFEASIBLE, Legend.Shape.RING));
    legend.add(new Legend.Entry("chosen design", "#d62728", Legend.Shape.RING));
    chart.legend(legend);
    if (colours != null) {
      chart.colourBar(colours, "area (mm²)");
    }
    long failed = sweep.count("failed");
    String caption = String.format(java.util.Locale.ROOT, "%d points drawn (%d ok, %d infeasible); %d failed points "
        + "have no metrics and are not drawn. Front over %s. Hover a point for its parameters.", drawn.size(),
        drawn.stream().filter(DesignPoint::ok).count(), drawn.stream().filter(p -> !p.ok()).count(), failed,
        objectivesText(sweep));
    return Optional.of(new Figure("pareto-scatter", chart.render(), caption));
  }

  /**
   * The format comparison as bars: the projections' time per token for every format whose projections ran, then one
   * chart per whole-token figure (DRAM MB, mJ and decode tokens/s per token) for the formats whose decoder layers
   * ran, in table order. Formats the units do not run have no figures (the table beside the charts says what they
   * lack). Empty when no format was simulated.
   */
  public static List<Figure> formats(FormatTable t) {
    List<Figure> out = new ArrayList<>();
    List<FormatTable.Row> proj = t.rows().stream().filter(FormatTable.Row::projectionsSimulated).toList();
    if (!proj.isEmpty()) {
      long without = t.rows().size() - proj.size();
      out.add(formatBars("formats-projections", "Projection time per token", "projections ms per token", "ms",
          proj.stream().map(FormatTable.Row::format).toList(),
          proj.stream().map(r -> r.projectionsMsPerToken().getAsDouble()).toList(), Palette.TABLEAU10.get(2),
          " The seven projections of every layer, each simulated alone." + (without == 0 ? ""
              : " " + without + " format(s) not simulated: see the table.")));
    }
    List<FormatTable.Row> sim = t.rows().stream().filter(FormatTable.Row::simulated).toList();
    if (sim.isEmpty()) {
      return out;
    }
    List<String> names = sim.stream().map(FormatTable.Row::format).toList();
    long refused = t.rows().size() - sim.size();
    String tail = refused == 0 ? "" : " " + refused + " format(s) without whole-token figures: see the table.";
    out.add(formatBars("formats-dram", "DRAM traffic per token", "DRAM MB per token", "MB", names,
        sim.stream().map(r -> r.dramMbPerToken().getAsDouble()).toList(), Palette.TABLEAU10.get(0), tail));
    out.add(formatBars("formats-energy", "Energy per token", "mJ per token", "mJ", names,
        sim.stream().map(r -> r.mjPerToken().getAsDouble()).toList(), Palette.TABLEAU10.get(1), tail));
    out.add(formatBars("formats-speed", "Tokens per second", "tokens/s", "tokens/s", names,
        sim.stream().map(r -> r.tokensPerS().getAsDouble()).toList(), Palette.TABLEAU10.get(4), tail));
    return out;
  }

  private static Figure formatBars(String id, String title, String yTitle, String unit, List<String> formats,
      List<Double> values, String colour, String tail) {
    // The category labels run at 45 degrees: the bottom margin grows with the longest name (about 6 px a character
    // at the chart's font, times sin 45), so a long preset name never runs into the axis title.
    int longest = formats.stream().mapToInt(String::length).max().orElse(0);
    double bottom = Math.max(70, 34 + 6 * 0.71 * longest);
    StackedBarChart chart = new StackedBarChart(id, title + " by weight format", new Frame(440, 270 + bottom, 70, 150,
        20, bottom), formats, "weight format", yTitle, unit);
    chart.series(new StackedBarChart.Series(unit.equals("tokens/s") ? unit : unit + "/token", colour, values));
    StringBuilder caption = new StringBuilder(title).append(":");
    for (int i = 0; i < formats.size(); i++) {
      caption.append(i == 0 ? " " : ", ").append(formats.get(i)).append(' ').append(TickFormat.si(values.get(i)))
          .append(' ').append(unit);
    }
    return new Figure(id, chart.render(), caption.append('.').append(tail).toString());
  }

  /**
   * Attainable ops/s against operational intensity (ops per DRAM byte), log-log: the DRAM bandwidth
   * slope up to the ridge point, the compute roof after it, and one point per layer type at its achieved
   * ops/s. Layer types with no ops or no DRAM bytes cannot sit on a log-log roofline; the caption lists them.
   */
  public static Optional<Figure> roofline(DesignProfile design) {
    if (design.info().isEmpty()) {
      return Optional.empty();
    }
    DesignInfo info = design.info().get();
    List<LayerTiming> placed = design.layers().stream()
        .filter(l -> l.ops() > 0 && l.dramBytes() > 0 && l.latencyNs() > 0).toList();
    List<String> unplaced = design.layers().stream().filter(l -> !placed.contains(l)).map(LayerTiming::layerType)
        .toList();
    double ridge = info.ridgeOpsPerByte();
    double bw = info.peakDramGBps() * 1e9;
    double xMin = ridge;
    double xMax = ridge;
    double yMin = info.peakOpsPerS();
    for (LayerTiming l : placed) {
      xMin = Math.min(xMin, l.intensityOpsPerByte());
      xMax = Math.max(xMax, l.intensityOpsPerByte());
      yMin = Math.min(yMin, l.opsPerSecond());
    }
    LogScale x = LogScale.decades(xMin / 2, xMax * 2, 0, 1);
    LogScale y = LogScale.decades(yMin / 2, info.peakOpsPerS() * 1.3, 0, 1);
    Frame f = new Frame(1100, 440, 80, 230, 20, 50);
    XyChart chart = new XyChart("roofline", "Roofline of each layer type on the chosen design", f, x, y,
        "operational intensity (ops/byte of DRAM traffic)", "attainable throughput (ops/s)");
    double x0 = x.domainMin();
    double x1 = x.domainMax();
    chart.line(new XyChart.Line(List.of(x0, ridge), List.of(bw * x0, info.peakOpsPerS()), "#1f77b4", "roof bandwidth",
        "DRAM bandwidth " + TickFormat.si(info.peakDramGBps()) + " GB/s", "DRAM " + TickFormat.si(info.peakDramGBps())
        + " GB/s", 1, "end"));
    chart.line(new XyChart.Line(List.of(ridge, x1), List.of(info.peakOpsPerS(), info.peakOpsPerS()), "#d62728",
        "roof compute", "peak compute " + TickFormat.si(info.peakOpsPerS()) + " ops/s", "peak compute "
        + TickFormat.si(info.peakOpsPerS()) + " ops/s", 1, "end"));
    List<XyChart.Point> points = new ArrayList<>();
    List<Legend.Entry> legend = new ArrayList<>();
    for (int i = 0; i < placed.size(); i++) {
      LayerTiming l = placed.get(i);
      String c = Palette.categorical(i);
      points.add(new XyChart.Point(l.intensityOpsPerByte(), l.opsPerSecond(), 6, c, "layer", l.layerType() + ": "
          + TickFormat.si(l.intensityOpsPerByte()) + " ops/byte, " + TickFormat.si(l.opsPerSecond()) + " ops/s ("
          + TickFormat.si(l.ops()) + " ops, " + TickFormat.si(l.dramBytes()) + " B, " + TickFormat.si(l.latencyNs())
          + " ns)", l.layerType()));
      legend.add(new Legend.Entry(l.layerType(), c, Legend.Shape.DOT));
    }
    legend.add(new Legend.Entry("DRAM bandwidth roof", "#1f77b4", Legend.Shape.DASHED_LINE));
    legend.add(new Legend.Entry("compute roof", "#d62728", Legend.Shape.LINE));
    chart.points(points).legend(legend);
    String caption = String.format(java.util.Locale.ROOT, "Design %s: peak %s ops/s, DRAM %s GB/s, ridge at %s "
        + "ops/byte. A point's height is the layer type's achieved ops/s (ops / latency).", info.name(),
        TickFormat.si(info.peakOpsPerS()), TickFormat.si(info.peakDramGBps()), TickFormat.si(ridge))
        + (unplaced.isEmpty() ? "" : " Not placeable on log axes (no ops or no DRAM bytes): "
        + String.join(", ", unplaced) + ".");
    return placed.isEmpty() ? Optional.empty() : Optional.of(new Figure("roofline", chart.render(), caption));
  }

  /** One bar per layer type: compute-bound, memory-bound and other (dependency/idle) time stacked. */
  public static Optional<Figure> layerLatency(DesignProfile design) {
    List<LayerTiming> layers = design.layers();
    if (layers.isEmpty()) {
      return Optional.empty();
    }
    DisplayUnit u = DisplayUnit.forNs(layers.stream().mapToDouble(LayerTiming::latencyNs).max().orElse(1));
    StackedBarChart chart = new StackedBarChart("layer-latency", "Per-layer latency split into compute and memory-bound"
        + " time", new Frame(1100, 400, 80, 230, 20, 95), layers.stream().map(LayerTiming::layerType).toList(),
        "layer type", "latency (" + u.symbol() + ")", u.symbol());
    chart.series(series("compute-bound", "#4e79a7", layers, l -> u.convert(l.computeNs())));
    chart.series(series("memory-bound", "#f28e2b", layers, l -> u.convert(l.memoryBoundNs())));
    chart.series(series("other (dependencies, idle)", "#bab0ac", layers, l -> u.convert(l.otherNs())));
    double total = layers.stream().mapToDouble(LayerTiming::latencyNs).sum();
    return Optional.of(new Figure("layer-latency", chart.render(), "Summed over the model's layers; total "
        + TickFormat.si(u.convert(total)) + " " + u.symbol() + ". Hover a bar segment for its value and share."));
  }

  /** Energy per layer type (one bar each), stacked by unit; the largest units first, the rest summed. */
  public static Optional<Figure> energyByUnit(DesignProfile design) {
    Map<String, Double> totals = sum(design.energy(), EnergyRecord::unit);
    List<String> units = totals.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .map(Map.Entry::getKey).toList();
    List<String> kept = units.subList(0, Math.min(MAX_UNIT_SERIES, units.size()));
    return energyChart("energy-by-unit", "Energy by unit", design, kept,
        r -> kept.contains(r.unit()) ? r.unit() : "other units", "unit");
  }

  /** Energy per layer type stacked by memory level (register, SRAM, DRAM) plus compute units. */
  public static Optional<Figure> energyByLevel(DesignProfile design) {
    List<String> levels = new ArrayList<>(new LinkedHashSet<>(List.of("register", "SRAM", "DRAM")));
    for (EnergyRecord r : design.energy()) {
      if (r.isMemory() && !levels.contains(r.memoryLevel())) {
        levels.add(r.memoryLevel());
      }
    }
    return energyChart("energy-by-level", "Energy by memory level", design, levels,
        r -> r.isMemory() ? r.memoryLevel() : "compute units", "memory level");
  }

  private static Optional<Figure> energyChart(String id, String title, DesignProfile design, List<String> order,
      Function<EnergyRecord, String> seriesOf, String what) {
    List<EnergyRecord> rows = design.energy();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    List<String> layers = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(EnergyRecord::layer).toList()));
    Map<String, Map<String, Double>> bySeries = new LinkedHashMap<>();
    for (String s : order) {
      bySeries.put(s, new LinkedHashMap<>());
    }
    for (EnergyRecord r : rows) {
      bySeries.computeIfAbsent(seriesOf.apply(r), k -> new LinkedHashMap<>()).merge(r.layer(), r.energyPj(), Double::sum);
    }
    bySeries.values().removeIf(Map::isEmpty);
    double maxLayer = 0;
    for (String l : layers) {
      maxLayer = Math.max(maxLayer, bySeries.values().stream().mapToDouble(m -> m.getOrDefault(l, 0.0)).sum());
    }
    DisplayUnit u = DisplayUnit.forPj(maxLayer);
    StackedBarChart chart = new StackedBarChart(id, title, new Frame(640, 420, 70, 180, 20, 100), layers,
        "layer type", "energy (" + u.symbol() + ")", u.symbol());
    // Fixed colours keep their meaning across charts; the other series take palette colours not used by them.
    List<String> free = new ArrayList<>(Palette.TABLEAU10);
    bySeries.keySet().stream().map(FIXED_COLOURS::get).forEach(free::remove);
    int i = 0;
    for (Map.Entry<String, Map<String, Double>> e : bySeries.entrySet()) {
      List<Double> values = layers.stream().map(l -> u.convert(e.getValue().getOrDefault(l, 0.0))).toList();
      String colour = FIXED_COLOURS.containsKey(e.getKey()) ? FIXED_COLOURS.get(e.getKey())
          : free.get(i++ % free.size());
      chart.series(new StackedBarChart.Series(e.getKey(), colour, values));
    }
    double total = rows.stream().mapToDouble(EnergyRecord::energyPj).sum();
    DisplayUnit tu = DisplayUnit.forPj(total);
    return Optional.of(new Figure(id, chart.render(), "Stacked by " + what + "; total " + TickFormat.si(tu.convert(total))
        + " " + tu.symbol() + "."));
  }

  private static StackedBarChart.Series series(String name, String colour, List<LayerTiming> layers,
      java.util.function.ToDoubleFunction<LayerTiming> value) {
    return new StackedBarChart.Series(name, colour, layers.stream().map(l -> value.applyAsDouble(l)).toList());
  }

  private static Map<String, Double> sum(List<EnergyRecord> rows, Function<EnergyRecord, String> key) {
    Map<String, Double> m = new LinkedHashMap<>();
    rows.forEach(r -> m.merge(key.apply(r), r.energyPj(), Double::sum));
    return m;
  }

  /** Linear unless the values span more than two decades (then log), padded so marks do not sit on axes. */
  static Scale valueScale(double[] values) {
    double lo = min(values);
    double hi = max(values);
    if (lo > 0 && hi / lo > 100) {
      return LogScale.decades(lo, hi, 0, 1);
    }
    double pad = (hi - lo) * 0.05;
    return LinearScale.nice(lo - pad, hi + pad, 6, 0, 1);
  }

  static String objectivesText(SweepResults s) {
    return String.join(", ", s.objectives().stream().map(o -> o.metric() + " (" + (o.minimise() ? "min" : "max")
        + ")").toList());
  }

  private static String describe(Map<String, String> parameters) {
    StringBuilder b = new StringBuilder();
    parameters.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return b.toString();
  }

  private static double min(double[] v) {
    return java.util.Arrays.stream(v).min().orElseThrow();
  }

  private static double max(double[] v) {
    return java.util.Arrays.stream(v).max().orElseThrow();
  }
}
