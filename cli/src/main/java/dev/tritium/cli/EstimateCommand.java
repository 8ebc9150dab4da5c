package dev.tritium.cli;

import dev.tritium.mapper.bitlinear.AcceleratorFormats;
import dev.tritium.models.format.BitNetB158;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;

import dev.tritium.cli.report.ReportWriter;
import dev.tritium.cli.report.profile.ProfileFiles;
import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.LoopOrder;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.model.StandaloneProjections;
import dev.tritium.mapper.crosscheck.BitLinearCrossCheck;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.EstimateRow;
import dev.tritium.mapper.model.ModelEstimate;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.mapper.report.EstimateEnergy;
import dev.tritium.mapper.report.ModelEnergyReport;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelConfigs;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tritium estimate}: maps and simulates a model's decode token and prefill on an arch. */
@Command(name = "estimate", mixinStandardHelpOptions = true,
    description = "Map and simulate (timing only) a whole model: a decode token at --context and a prefill of"
        + " --tokens tokens; prints per-layer-type cycles, latency, share and energy, the totals, and a"
        + " reduced-size BitLinear cross-check verdict.")
public final class EstimateCommand implements Callable<Integer> {

  @Option(names = "--model", defaultValue = "bitnet-b1.58-2b-4t", description = "preset or config.json (default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--arch", defaultValue = ArchConfigs.DEFAULT_PRESET, description = "arch preset or YAML (default: ${DEFAULT-VALUE})")
  String arch;

  @Option(names = "--phase", defaultValue = "both", description = "decode, prefill or both (default: ${DEFAULT-VALUE})")
  String phase;

  @Option(names = "--tokens", defaultValue = "128", description = "prefill tokens M (default: ${DEFAULT-VALUE})")
  int tokens;

  @Option(names = "--context", defaultValue = "1024", description = "cached tokens L before the decode token (default: ${DEFAULT-VALUE})")
  int context;

  @Option(names = "--unit", defaultValue = "auto", description = "ternary unit: mac, lut, or auto = the one whose"
      + " decode layer (at --context) takes fewer cycles (default: ${DEFAULT-VALUE})")
  String unit;

  @Mixin
  WeightFormatOption format = new WeightFormatOption();

  @Mixin
  KvFormatOption kv = new KvFormatOption();

  @Option(names = "--no-crosscheck", description = "skip the reduced-size cross-check")
  boolean noCrosscheck;

  @Option(names = "--report", paramLabel = "DIR", description = "write the single-design report into DIR, as tritium"
      + " report writes it: report.html (roofline, per-layer latency, energy by unit and level) from energy.csv,"
      + " area.csv, totals.json, design.json and layers.csv; with --phase both, one report per phase in"
      + " DIR/decode and DIR/prefill")
  Path report;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (tokens < 1) {
      throw new IllegalArgumentException("--tokens: expected a positive token count, got " + tokens);
    }
    if (context < 0) {
      throw new IllegalArgumentException("--context: expected >= 0 cached tokens, got " + context);
    }
    String unitKey = unit.toLowerCase(Locale.ROOT);
    if (!List.of("mac", "lut", "auto").contains(unitKey)) {
      throw new IllegalArgumentException("--unit: expected mac, lut or auto, got '" + unit + "'");
    }
    List<String> phases = switch (phase.toLowerCase(Locale.ROOT)) {
      case "decode" -> List.of("decode");
      case "prefill" -> List.of("prefill");
      case "both" -> List.of("decode", "prefill");
      default -> throw new IllegalArgumentException("--phase: expected decode, prefill or both, got '" + phase + "'");
    };
    if (format.help(out) || kv.help(out)) {
      return 0;
    }
    FormatPreset weights = format.preset();
    ModelConfig c = ModelConfigs.resolve(model);
    ArchConfig archAsGiven = ArchConfigs.resolve(arch);
    ArchConfig a = kv.apply(archAsGiven, weights);
    String why = "";
    ModelEstimator estimator;
    if (unitKey.equals("auto")) {
      UnitChoice choice = UnitChoice.fastestDecode(c, a, context, weights);
      estimator = choice.estimator();
      why = " (auto: " + choice.reason() + ")";
    } else {
      estimator = ModelEstimator.forFormat(c, a, unitKey.equals("mac") ? ComputeUnit.MAC : ComputeUnit.LUT, weights);
    }
    ComputeUnit u = estimator.unit();
    out.printf(Locale.ROOT, "model %s on arch %s (%.0f MHz), ternary unit %s%s%n", c.name(), a.name(), a.clockMhz(),
        u.name().toLowerCase(Locale.ROOT), why);
    if (!(weights instanceof BitNetB158)) {
      out.printf(Locale.ROOT, "weight format %s (%s): %.3f bits/weight as a format, stored in %s on the %s unit%n",
          weights.name(), weights.paper(), weights.format().bitsPerWeight(c.intermediateSize(), c.hiddenSize()),
          estimator.signAddFormat().isPresent() ? "sign-add tiles (planes, scale vectors, CSR)"
              : estimator.standaloneProjections().map(sp -> "its own codes and steps (" + sp.storedAs() + ")")
                  .orElse(estimator.projections().packing().modelsName()), u.name().toLowerCase(Locale.ROOT));
    }
    out.println("kv cache: " + kv.choice().describe(archAsGiven, weights));
    if (weights.format().rotatesQueriesAndKeysOnline()) {
      out.println("queries and keys: rotated online per head after RoPE (the format's R3: VEC.FWHT over each head,"
          + " then VEC.SCALE by 1/sqrt(b), in the rope group)");
    }
    boolean mappingPrinted = false;
    for (String p : phases) {
      LayerShape shape = p.equals("decode") ? LayerShape.decode(context) : LayerShape.prefill(tokens);
      long t0 = System.nanoTime();
      ModelEstimate e = estimator.estimate(shape);
      double wallMs = (System.nanoTime() - t0) / 1e6;
      if (!mappingPrinted) {
        out.println();
        out.print(e.mapping());
        mappingPrinted = true;
      }
      out.println();
      out.printf(Locale.ROOT, "%s: %s (mapped and simulated in %.0f ms wall)%n", p,
          p.equals("decode") ? "1 token at context " + context : tokens + " tokens from an empty cache", wallMs);
      render(out, e, a.dram().peakBandwidthGBps());
      ModelEnergyReport priced = EstimateEnergy.print(out, estimator, shape, e);
      if (report != null) {
        writeReport(out, phases.size() == 1 ? report : report.resolve(p), priced, a, u);
      }
    }
    if (noCrosscheck) {
      return 0;
    }
    out.println();
    if (estimator.standaloneProjections().isPresent()) {
      return standaloneCrossCheck(out, c, a, weights, estimator.standaloneProjections().get().unit()) ? 0
          : TritiumCommand.EXIT_CHECK_FAILED;
    }
    boolean bitLinear = estimator.signAddFormat().isPresent() ? signAddCrossCheck(out, c, a, u, weights)
        : crossCheck(out, c, a, u, weights, estimator.projections().packing());
    boolean decoder = decoderCrossCheck(out, c, a, u, weights);
    return bitLinear && decoder ? 0 : TritiumCommand.EXIT_CHECK_FAILED;
  }

  /**
   * The full single-design report of one phase, as {@code tritium report} writes it: the profile files
   * (energy.csv, area.csv, totals.json, design.json, layers.csv), then report.html from them.
   */
  private static void writeReport(PrintWriter out, Path dir, ModelEnergyReport priced, ArchConfig a, ComputeUnit u)
      throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IOException("--report: " + dir + " exists and is not a directory");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("model", priced.model());
    parameters.put("arch", a.name());
    parameters.put("unit", u.name().toLowerCase(Locale.ROOT));
    parameters.put("phase", priced.phase());
    parameters.put("tokens", Integer.toString(priced.tokens()));
    parameters.put("context", Integer.toString(priced.shape().start()));
    List<Path> files = new ArrayList<>(ProfileFiles.write(dir, priced, a, u, parameters, OptionalLong.empty()));
    files.add(ReportWriter.write(dir));
    out.println("  wrote " + files.stream().map(Path::toString).collect(Collectors.joining(", ")));
    out.flush();
  }

  /**
   * One reduced-size decoder layer (widths / 16, or the largest of 8, 4, 2 that divides them) through the
   * functional decoder cross-check: every BitLinear bit-exact, attention within its int8 bound.
   */
  private static boolean decoderCrossCheck(PrintWriter out, ModelConfig c, ArchConfig a, ComputeUnit u,
      FormatPreset weights) {
    for (int reduce : new int[] {16, 8, 4, 2, 1}) {
      ModelConfig small;
      try {
        small = dev.tritium.mapper.decoder.DecoderCrossCheck.reduced(c, reduce);
      } catch (IllegalArgumentException e) {
        continue;
      }
      CrossCheckReport r = new dev.tritium.mapper.decoder.DecoderCrossCheck(a).run(
          dev.tritium.mapper.decoder.DecoderCase.seeded(small, LayerShape.decode(16), 1L, weights), u);
      out.printf(Locale.ROOT, "cross-check (reference engine vs simulator, one decoder layer at widths/%d, decode at"
          + " context 16, seed 1, %s weights: 7 %s bit-exact, attention within its int8 bound): %s%n", reduce,
          weights.name(), AcceleratorFormats.signAdd(weights) ? "projections" : "BitLinears",
          r.passed() ? "PASS" : "FAIL");
      if (!r.passed()) {
        out.print(r.render());
      }
      return r.passed();
    }
    return true;
  }

  private static void render(PrintWriter out, ModelEstimate e, double peakGBps) {
    out.printf(Locale.ROOT, "  %-12s %14s %12s %7s %12s%n", "layer_type", "cycles", "latency_ms", "share", "energy_mJ");
    List<EstimateRow> rows = new ArrayList<>(e.rows());
    for (EstimateRow r : rows) {
      out.printf(Locale.ROOT, "  %-12s %,14d %12.3f %6.1f%% %12s%n", r.group(), r.cycles(),
          r.cycles() / (e.clockMhz() * 1000.0), 100.0 * r.cycles() / e.totalCycles(), mj(r.energyPj()));
    }
    out.printf(Locale.ROOT, "  %-12s %,14d %12.3f %6.1f%% %12s%n", "total", e.totalCycles(), e.totalMs(), 100.0,
        mj(e.totalEnergyPj()));
    out.printf(Locale.ROOT, "  => %.3f ms/token, %.2f tokens/s, %s mJ/token (one decoder layer simulated, x%d"
        + " layers; %d token(s) per chunk)%n", e.msPerToken(), e.tokensPerSecond(),
        mj(e.totalEnergyPj() / e.tokens()), e.rows().size() > 0 ? layersOf(e) : 0, e.chunkTokens());
    double roofMs = e.rooflineMsPerToken(peakGBps);
    out.printf(Locale.ROOT, "  roofline: %.1f MB of DRAM traffic per token at the %.1f GB/s peak = %.3f ms/token;"
        + " this design reaches %.1f%% of it%n", e.dramBytes() / (double) e.tokens() / 1e6, peakGBps, roofMs,
        100 * roofMs / e.msPerToken());
  }

  private static long layersOf(ModelEstimate e) {
    return e.layerCycles() == 0 ? 0 : e.rows().stream().filter(r -> !r.group().equals("embedding")
        && !r.group().equals("final_norm") && !r.group().equals("lm_head")).mapToLong(EstimateRow::cycles).sum()
        / e.layerCycles();
  }

  private static String mj(double pj) {
    return Double.isFinite(pj) ? String.format(Locale.ROOT, "%.4f", pj / 1e9) : "n/a";
  }

  /**
   * Reduced-size q_proj (hidden/16, one token) of a format with fp16 activations, on the unit the estimate used: the
   * MAC array's sign-add path or the LUT core's fp16 tables.
   */
  private static boolean signAddCrossCheck(PrintWriter out, ModelConfig c, ArchConfig a, ComputeUnit u,
      FormatPreset weights) {
    int k = Math.max(32, c.hiddenSize() / 16 / 32 * 32);
    int n = Math.max(32, c.qDim() / 16 / 32 * 32);
    CrossCheckReport r = new dev.tritium.mapper.fp16act.FloatLinearCrossCheck(a, u).run("q_proj/16", weights, 1, n,
        k, 1L, 0L, new dev.tritium.mapper.fp16act.FloatMutation.None());
    out.printf(Locale.ROOT, "cross-check (reference engine vs simulator, q_proj at hidden/16: %d x %d, 1 token, seed 1,"
        + " %s on %s): %s%n", n, k, weights.name(), u == ComputeUnit.MAC ? "the sign-add path"
        : "the LUT core's fp16 tables", r.passed() ? "PASS" : "FAIL");
    if (!r.passed()) {
      out.print(r.render());
    }
    return r.passed();
  }

  /**
   * Reduced-size q_proj (hidden/16, one token) of a format whose projections are programs of their own, through the
   * program the estimate simulated. Its decoder layers are not lowered as one program (the estimate composes the
   * projections' programs with the layer's other operators), so there is no decoder-layer cross-check to run.
   */
  private static boolean standaloneCrossCheck(PrintWriter out, ModelConfig c, ArchConfig a, FormatPreset weights,
      ComputeUnit u) {
    int k = Math.max(32, c.hiddenSize() / 16 / 32 * 32);
    int n = Math.max(32, c.qDim() / 16 / 32 * 32);
    CrossCheckReport r = StandaloneProjections.crossCheck(a, weights, u, "q_proj/16", n, k, 1);
    out.printf(Locale.ROOT, "cross-check (reference engine vs simulator, q_proj at hidden/16: %d x %d, 1 token, seed 1,"
        + " %s as its own program): %s%n", n, k, weights.name(), r.passed() ? "PASS" : "FAIL");
    out.println("  (no decoder-layer cross-check: this format's decoder layer is estimated as its projections'"
        + " programs plus the layer's other operators, each checked apart)");
    if (!r.passed()) {
      out.print(r.render());
    }
    return r.passed();
  }

  /** Reduced-size q_proj (hidden/16 square, one token) through the BitLinear cross-check harness. */
  private static boolean crossCheck(PrintWriter out, ModelConfig c, ArchConfig a, ComputeUnit u, FormatPreset weights,
      Packing estimated) {
    int k = Math.max(32, c.hiddenSize() / 16 / 32 * 32);
    int n = Math.max(32, c.qDim() / 16 / 32 * 32);
    BitLinearCrossCheck check = new BitLinearCrossCheck(a);
    boolean ternary = weights instanceof BitNetB158;
    Packing packing = u == ComputeUnit.MAC ? (ternary ? Packing.BASE3 : estimated)
        : check.runner().target().lut().orElseThrow().packing();
    Mapping m = new Mapping(u, packing, 1, n, k, Math.max(1, n / 2), k,
        LoopOrder.N_OUTER);
    BitLinearCase bitLinearCase = ternary ? BitLinearCase.seeded("q_proj/16", 1, k, n, 1L, 0L)
        : BitLinearCase.ofFormat("q_proj/16 " + weights.name(), 1, k, n, 1L, 0L, weights);
    CrossCheckReport r = check.run(bitLinearCase, m);
    out.printf(Locale.ROOT, "cross-check (reference engine vs simulator, q_proj at hidden/16: %d x %d, 1 token, seed 1%s):"
        + " %s%n", n, k, ternary ? "" : ", " + weights.name() + " in " + packing.modelsName(),
        r.passed() ? "PASS" : "FAIL");
    if (!r.passed()) {
      out.print(r.render());
    }
    return r.passed();
  }
}
