package dev.tritium.cli;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.AcceleratorFormats;
import dev.tritium.mapper.fp16act.MaskedSigns;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.ModelEstimate;
import dev.tritium.mapper.model.KvChoice;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.mapper.model.StandaloneProjections;
import dev.tritium.mapper.run.ProjectionFigures;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.format.BitNetB158;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.cli.report.ReportPage;
import dev.tritium.cli.report.ReportWriter;
import dev.tritium.cli.report.model.FormatTable;
import dev.tritium.cli.report.model.ReportData;
import dev.tritium.cli.report.read.FormatsCsv;
import dev.tritium.common.io.OutputFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code tritium compare --formats}: weight formats side by side on one arch and model. Every format gets its true
 * bits per weight and footprint from its data (models' format algebra); the formats the units run (see
 * {@link AcceleratorFormats}) are also simulated: DRAM bytes, decode tokens/s and mJ per token on the unit the
 * fastest decode picks, and the design's area. The others say what the units lack, rather than a made-up figure.
 */
final class FormatComparison {

  /** One format's row; the simulated columns are null for a format the units do not run. */
  record Row(String format, double bitsPerWeight, double footprintMb, String storedAs, Double dramMbPerToken,
      Double tokensPerSecond, Double mjPerToken, Double areaMm2, ProjectionFigures projections, String note) {}

  private FormatComparison() {}

  /**
   * The comma-separated list of {@code --formats}: a piece with '=' but no ':' continues the previous format's
   * parameters ({@code pb-llm:salient=0.1,index=csr,billm} is two formats).
   */
  static List<FormatPreset> parseList(String list) {
    List<String> specs = new ArrayList<>();
    for (String piece : list.split(",", -1)) {
      String p = piece.trim();
      if (p.isEmpty()) {
        throw new IllegalArgumentException("--formats: empty entry in '" + list + "'; expected NAME[:k=v,...] entries"
            + " separated by commas");
      }
      if (p.contains("=") && !p.contains(":") && !specs.isEmpty()) {
        specs.set(specs.size() - 1, specs.get(specs.size() - 1) + "," + p);
      } else {
        specs.add(p);
      }
    }
    List<FormatPreset> out = new ArrayList<>();
    for (String s : specs) {
      out.add(FormatPresets.parse(s));
    }
    return out;
  }

  /** {@code --unit}: mac, lut, or auto (empty: the faster decode per format). */
  static java.util.Optional<ComputeUnit> unit(String key) {
    return switch (key.toLowerCase(Locale.ROOT)) {
      case "auto" -> java.util.Optional.empty();
      case "mac" -> java.util.Optional.of(ComputeUnit.MAC);
      case "lut" -> java.util.Optional.of(ComputeUnit.LUT);
      default -> throw new IllegalArgumentException("--unit: expected mac, lut or auto, got '" + key + "'");
    };
  }

  /** The rows over the arch as given, each format with the KV cache {@code kv} gives it. */
  static List<Row> rows(ModelConfig c, ArchConfig arch, KvChoice kv, LayerShape shape, List<FormatPreset> formats,
      java.util.Optional<ComputeUnit> unit) {
    List<Row> rows = new ArrayList<>();
    double areaMm2 = new dev.tritium.simulator.energy.accounting.EnergyAccounting(arch,
        dev.tritium.simulator.energy.CostModel.preset(dev.tritium.simulator.energy.CostModel.DEFAULT_PRESET,
            arch.technologyNodeNm())).area().totalUm2() / 1e6;
    for (FormatPreset f : formats) {
      ArchConfig a = kv.apply(arch, f);
      double bits = modelBitsPerWeight(c, f);
      double footprintMb = bits * projectionWeights(c) / 8 / 1e6;
      if (AcceleratorFormats.signAdd(f)) {
        rows.add(signAddRow(c, a, shape, f, unit, bits, footprintMb, areaMm2));
        continue;
      }
      if (StandaloneProjections.covers(f)) {
        rows.add(standaloneRow(c, a, shape, f, unit, bits, footprintMb, areaMm2));
        continue;
      }
      String refusal = null;
      try {
        AcceleratorFormats.alphabet(f);
      } catch (IllegalArgumentException e) {
        refusal = e.getMessage().replaceFirst("^weight format '[^']*' does not run on the accelerator yet: ", "");
      }
      if (refusal != null) {
        rows.add(new Row(f.name(), bits, footprintMb, "-", null, null, null, null, null, refusal));
        continue;
      }
      ModelEstimator est = unit.isPresent() ? ModelEstimator.forFormat(c, a, unit.get(), f)
          : UnitChoice.fastestDecode(c, a, Math.max(shape.start(), 1), f).estimator();
      ModelEstimate e = est.estimate(shape);
      ProjectionFigures p = ProjectionFigures.of(c, a, f, shape.tokens(), Optional.of(est.unit()));
      rows.add(new Row(f.name(), bits, footprintMb, est.projections().packing().modelsName() + " on "
          + est.unit().name().toLowerCase(Locale.ROOT), e.dramBytes() / 1e6 / shape.tokens(), e.tokensPerSecond(),
          e.totalEnergyPj() / 1e9 / shape.tokens(), est.accounting().area().totalUm2() / 1e6, p,
          f instanceof BitNetB158 ? "the default" : "runs bit-exact (crosscheck --format " + f.name() + ")"));
    }
    return rows;
  }

  /**
   * The line under the table that says which KV cache each format ran with: one clause per distinct cache, naming
   * the formats that hold it.
   */
  static String kvCaches(ArchConfig arch, KvChoice kv, List<FormatPreset> formats) {
    Map<String, List<String>> byCache = new java.util.LinkedHashMap<>();
    for (FormatPreset f : formats) {
      byCache.computeIfAbsent(kv.describe(arch, f), d -> new ArrayList<>()).add(f.name());
    }
    if (byCache.size() == 1) {
      return "KV cache: " + byCache.keySet().iterator().next() + " for every format";
    }
    List<String> parts = new ArrayList<>();
    byCache.forEach((cache, names) -> parts.add(cache + " for " + String.join(", ", names)));
    return "KV cache: " + String.join("; ", parts);
  }

  /**
   * A format with fp16 activations: its decoder layers on the unit whose decode is faster among those with fp adders
   * (the MAC array's sign-add path, the LUT core's fp16 tables; {@code unit} restricts the choice), else what the
   * arch lacks.
   */
  private static Row signAddRow(ModelConfig c, ArchConfig a, LayerShape shape, FormatPreset f,
      java.util.Optional<ComputeUnit> unit, double bits, double footprintMb, double areaMm2) {
    List<ComputeUnit> candidates = new ArrayList<>();
    if (a.macArray().floatAdders() != dev.tritium.simulator.unit.mac.FloatAdders.NONE) {
      candidates.add(ComputeUnit.MAC);
    }
    if (a.lutCore().hasFloatAdders()) {
      candidates.add(ComputeUnit.LUT);
    }
    unit.ifPresent(u -> candidates.retainAll(List.of(u)));
    if (candidates.isEmpty()) {
      return new Row(f.name(), bits, footprintMb, "-", null, null, null, null, null, "fp16 activations: needs"
          + " floating-point adders in the " + unit.map(u -> u == ComputeUnit.LUT ? "LUT core (lut_core.float_adders:"
          + " fp32)" : "MAC array (mac_array.float_adders: fp32 or fp16)").orElse("MAC array (mac_array.float_adders:"
          + " fp32 or fp16) or the LUT core (lut_core.float_adders: fp32)") + ", which arch '" + a.name()
          + "' has not; e.g. --arch examples/arch/edge-fpga-fp32-adders.yaml");
    }
    ComputeUnit best = null;
    ModelEstimate bestEstimate = null;
    for (ComputeUnit u : candidates) {
      ModelEstimate e = ModelEstimator.forFormat(c, a, u, f).estimate(shape);
      if (bestEstimate == null || e.tokensPerSecond() > bestEstimate.tokensPerSecond()) {
        best = u;
        bestEstimate = e;
      }
    }
    ProjectionFigures p = ProjectionFigures.of(c, a, f, shape.tokens(), Optional.of(best));
    boolean masked = best == ComputeUnit.MAC && a.macArray().maskDecode() && MaskedSigns.storesMasks(f);
    return new Row(f.name(), bits, footprintMb, best == ComputeUnit.LUT ? "fp16 tables on lut"
        : masked ? "sign-add+masks on mac" : "sign-add on mac",
        bestEstimate.dramBytes() / 1e6 / shape.tokens(), bestEstimate.tokensPerSecond(),
        bestEstimate.totalEnergyPj() / 1e9 / shape.tokens(), areaMm2, p,
        "runs bit-exact (crosscheck --layer decoder --format " + f.name() + " --unit " + best.key() + ")");
  }

  /**
   * A format whose projections are programs of their own (quip-w2, w8a8, atom-w4a4): on the MAC array, whose
   * datapath the arch must have (the refusal names the key), else what is missing.
   */
  private static Row standaloneRow(ModelConfig c, ArchConfig a, LayerShape shape, FormatPreset f,
      java.util.Optional<ComputeUnit> unit, double bits, double footprintMb, double areaMm2) {
    // abq-wpaq may run on either unit (GEMM.BP or the LUT core's bit-plane tables): without --unit, the faster
    // decode of those the arch has; every other standalone format on its one datapath.
    List<ComputeUnit> candidates = new ArrayList<>();
    if (unit.isPresent()) {
      candidates.add(unit.get());
    } else {
      candidates.add(ComputeUnit.MAC);
      if (AcceleratorFormats.bitPlane(f) && a.lutCore().bitPlane()) {
        candidates.add(ComputeUnit.LUT);
      }
    }
    ModelEstimator est = null;
    ModelEstimate e = null;
    IllegalArgumentException refused = null;
    for (ComputeUnit u : candidates) {
      try {
        ModelEstimator candidate = ModelEstimator.forFormat(c, a, u, f);
        ModelEstimate ce = candidate.estimate(shape);
        if (e == null || ce.tokensPerSecond() > e.tokensPerSecond()) {
          est = candidate;
          e = ce;
        }
      } catch (IllegalArgumentException x) {
        refused = refused == null ? x : refused;
      }
    }
    if (est == null) {
      return new Row(f.name(), bits, footprintMb, "-", null, null, null, null, null, refused.getMessage());
    }
    StandaloneProjections sp = est.standaloneProjections().orElseThrow();
    return new Row(f.name(), bits, footprintMb, sp.storedAs(), e.dramBytes() / 1e6 / shape.tokens(),
        e.tokensPerSecond(), e.totalEnergyPj() / 1e9 / shape.tokens(), areaMm2,
        ProjectionFigures.of(c, a, f, shape.tokens(), Optional.of(sp.unit())),
        "projections bit-exact as programs of their own (crosscheck --format " + f.name() + " --layer q_proj"
            + (sp.unit() == ComputeUnit.LUT ? " --unit lut" : "") + ");"
            + " layer composed from them");
  }

  /** Bits per weight over the model's seven projections (each shape counted by its weights). */
  static double modelBitsPerWeight(ModelConfig c, FormatPreset f) {
    double bits = 0;
    for (LayerKind k : LayerKind.projections()) {
      int n = k.outFeatures(c);
      int kk = k.inFeatures(c);
      bits += f.format().bitsPerWeight(n, kk) * n * kk;
    }
    return bits / (projectionWeights(c) / c.numLayers());
  }

  private static double projectionWeights(ModelConfig c) {
    double w = 0;
    for (LayerKind k : LayerKind.projections()) {
      w += (double) k.outFeatures(c) * k.inFeatures(c);
    }
    return w * c.numLayers();
  }

  static void print(PrintWriter out, List<Row> rows) {
    out.printf(Locale.ROOT, "%-36s %9s %12s %-16s %13s %10s %10s %9s %14s %19s %14s  %s%n", "format", "bits/w",
        "footprint_MB", "stored_as", "dram_MB/token", "tokens/s", "mJ/token", "area_mm2", "proj_ms/token",
        "proj_dram_MB/token", "proj_mJ/token", "note");
    for (Row r : rows) {
      ProjectionFigures p = r.projections();
      out.printf(Locale.ROOT, "%-36s %9.3f %12.1f %-16s %13s %10s %10s %9s %14s %19s %14s  %s%n", r.format(),
          r.bitsPerWeight(), r.footprintMb(), r.storedAs(), fmt(r.dramMbPerToken(), "%.1f"),
          fmt(r.tokensPerSecond(), "%.2f"), fmt(r.mjPerToken(), "%.3f"), fmt(r.areaMm2(), "%.3f"),
          fmt(p == null ? null : p.latencyMs(), "%.2f"), fmt(p == null ? null : p.dramMb(), "%.1f"),
          fmt(p == null ? null : p.energyMj(), "%.3f"), r.note());
    }
  }

  /**
   * DIR/formats.csv and DIR/report.html of these rows, all or nothing: the report is rendered from the CSV text it
   * writes (read back through the report's reader), so the page and the file cannot disagree.
   *
   * @return the report page's path
   */
  static Path writeReport(Path dir, String model, String arch, String workload, List<Row> rows) throws IOException {
    List<FormatTable.Row> table = new ArrayList<>();
    for (Row r : rows) {
      ProjectionFigures p = r.projections();
      table.add(new FormatTable.Row(r.format(), r.bitsPerWeight(), r.footprintMb(), r.storedAs(), opt(r.dramMbPerToken()),
          opt(r.tokensPerSecond()), opt(r.mjPerToken()), opt(r.areaMm2()), opt(p == null ? null : p.latencyMs()),
          opt(p == null ? null : p.dramMb()), opt(p == null ? null : p.energyMj()), r.note()));
    }
    String csv = FormatsCsv.text(new FormatTable(model, arch, workload, table));
    Path staging = Files.createTempDirectory("tritium-formats");
    try {
      Files.writeString(staging.resolve(FormatsCsv.FILE), csv);
      FormatTable back = FormatsCsv.read(staging).orElseThrow();
      String html = ReportPage.render(new ReportData(dir.toString(), Optional.empty(), Optional.empty(),
          Optional.of(back), List.of()));
      Path page = dir.resolve(ReportWriter.REPORT);
      Files.createDirectories(dir);
      OutputFiles.writeAll(Map.of(dir.resolve(FormatsCsv.FILE), csv.getBytes(StandardCharsets.UTF_8), page,
          html.getBytes(StandardCharsets.UTF_8)));
      return page;
    } finally {
      Files.deleteIfExists(staging.resolve(FormatsCsv.FILE));
      Files.deleteIfExists(staging);
    }
  }

  private static OptionalDouble opt(Double v) {
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  private static String fmt(Double v, String pattern) {
    return v == null ? "-" : String.format(Locale.ROOT, pattern, v);
  }
}
