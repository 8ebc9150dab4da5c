package dev.tritium.mapper.decoder;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.AcceleratorFormats;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.EstimateRow;
import dev.tritium.mapper.model.ModelEstimate;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.mapper.run.LayerMapper;
import dev.tritium.mapper.run.LayerRequest;
import dev.tritium.mapper.run.MapOutcome;
import dev.tritium.mapper.schedule.LayerProgram;
import dev.tritium.mapper.schedule.ProjectionLowering;
import dev.tritium.mapper.schedule.Step;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.format.BitNetB158;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.simulator.config.ArchConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --layer decoder} (one decoder layer) and {@code --layer model} (embedding, every layer, final
 * norm, LM head) for {@code tritium map} and {@code tritium crosscheck}. Mapping: the layer compiler
 * ({@code dev.tritium.mapper.schedule}) for each allowed ternary unit, simulated timing-only, the
 * faster one printed first. Cross-check: {@link DecoderCrossCheck} of one decoder layer per unit; for
 * {@code model} two layers chained in one program (all layers share the shapes and the program).
 */
public final class DecoderLayerMapper implements LayerMapper {

  /** What the mapper covers. */
  public enum Scope { DECODER, MODEL }

  private static final Map<String, ModelEstimator> ESTIMATORS = new ConcurrentHashMap<>();

  private final Scope scope;

  public DecoderLayerMapper(Scope scope) {
    this.scope = scope;
  }

  /** A shared estimator per (model, arch, unit, weight format): its layer cache makes repeated maps cheap. */
  public static ModelEstimator estimator(ModelConfig c, ArchConfig arch, ComputeUnit unit, FormatPreset format) {
    // A format the unit cannot run (ternary weights on binary LUT tables) is refused naming format and variant; the
    // fp16-activation formats are checked by forFormat (the MAC array's fp32 adders).
    if (!AcceleratorFormats.signAdd(format)) {
      AcceleratorFormats.alphabetOn(format, unit, arch.lutCore().variant());
    }
    String key = c + "|" + arch.name() + "|" + System.identityHashCode(arch) + "|" + unit + "|" + format.name();
    return ESTIMATORS.computeIfAbsent(key, k -> format instanceof BitNetB158 ? new ModelEstimator(c, arch, unit)
        : ModelEstimator.forFormat(c, arch, unit, format));
  }

  static LayerShape shape(LayerRequest r) {
    return r.prefill() ? LayerShape.prefill(r.tokens()) : LayerShape.decode(r.context());
  }

  private static boolean lutFloatAdders(LayerRequest r) {
    return r.arch().lutCore().hasFloatAdders();
  }

  static List<ComputeUnit> units(LayerRequest r) {
    List<ComputeUnit> out = new ArrayList<>();
    if (r.units().contains(ComputeUnit.MAC)) {
      out.add(ComputeUnit.MAC);
    }
    if (r.units().contains(ComputeUnit.LUT)) {
      out.add(ComputeUnit.LUT);
    }
    return out;
  }

  @Override
  public MapOutcome map(LayerRequest r) {
    ModelConfig c = DecoderCrossCheck.reduced(r.model(), r.reduce());
    LayerShape shape = shape(r);
    List<Candidate> candidates = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (ComputeUnit u : units(r)) {
      try {
        candidates.add(candidate(c, r.arch(), u, shape, r.format()));
      } catch (IllegalArgumentException e) {
        skipped.add(u.name().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
      }
    }
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("--layer " + r.layer() + ": no ternary unit of arch '" + r.arch().name()
          + "' can run it: " + String.join("; ", skipped));
    }
    candidates.sort(java.util.Comparator.comparingLong(Candidate::cycles));
    Candidate best = candidates.get(0);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s %s of %s (%s) on %s%n", scope == Scope.DECODER ? "decoder layer"
        : "whole model", r.prefill() ? "prefill of " + r.tokens() + " tokens" : "decode at context " + r.context(),
        c.name(), c.activation().name().toLowerCase(Locale.ROOT), r.arch().name()));
    for (Candidate cand : candidates) {
      sb.append(String.format(Locale.ROOT, "  %-3s unit: %,d cycles, %.3f ms%s%n",
          cand.unit().name().toLowerCase(Locale.ROOT), cand.cycles(), cand.cycles() / (r.arch().clockMhz() * 1000),
          cand == best ? "  <- chosen (fewest cycles)" : ""));
    }
    skipped.forEach(s -> sb.append("  skipped ").append(s).append('\n'));
    sb.append(best.text());
    return new MapOutcome(sb.toString(), best.cycles(), best.cycles() / r.arch().clockMhz(), best.utilization(),
        best.layer().program());
  }

  private record Candidate(ComputeUnit unit, long cycles, double utilization, LayerProgram layer, String text) {}

  private Candidate candidate(ModelConfig c, ArchConfig arch, ComputeUnit u, LayerShape shape, FormatPreset format) {
    ModelEstimator est = estimator(c, arch, u, format);
    ModelEstimator.LayerResult layer = est.layer(shape);
    String unitName = u == ComputeUnit.MAC ? "mac_array" : "lut_core";
    double layerBusy = layer.whole().utilization(unitName) * layer.cycles();
    StringBuilder sb = new StringBuilder();
    sb.append(describeLayer(c, est, layer));
    if (scope == Scope.DECODER) {
      sb.append(groupTable(layer.groupCycles(), layer.cycles(), arch.clockMhz()));
      return new Candidate(u, layer.cycles(), layer.whole().utilization(unitName), layer.program(), sb.toString());
    }
    ModelEstimate e = est.estimate(shape);
    sb.append(e.mapping());
    sb.append(String.format(Locale.ROOT, "%n  %-12s %14s %12s %7s%n", "layer_type", "cycles", "latency_ms", "share"));
    for (EstimateRow row : e.rows()) {
      sb.append(String.format(Locale.ROOT, "  %-12s %,14d %12.3f %6.1f%%%n", row.group(), row.cycles(),
          row.cycles() / (arch.clockMhz() * 1000), 100.0 * row.cycles() / e.totalCycles()));
    }
    sb.append(String.format(Locale.ROOT, "  => %.3f ms/token, %.2f tokens/s (--emit writes one decoder layer's"
        + " program)%n", e.msPerToken(), e.tokensPerSecond()));
    double util = layerBusy * c.numLayers() / e.totalCycles();
    return new Candidate(u, e.totalCycles(), util, layer.program(), sb.toString());
  }

  /** Chunking, projection lowering and the first chunk's schedule and buffer plan. */
  private static String describeLayer(ModelConfig c, ModelEstimator est, ModelEstimator.LayerResult layer) {
    LayerProgram lp = layer.program();
    ProjectionLowering p = est.projections();
    StringBuilder sb = new StringBuilder();
    if (est.signAddFormat().isPresent()) {
      sb.append(String.format(Locale.ROOT, "%n%s unit, %s %s%n", est.unit().name().toLowerCase(Locale.ROOT),
          est.signAddFormat().get().name(), est.unit() == ComputeUnit.LUT
              ? "on the lut_core's fp16 tables (fp16 activations: LUT.BUILD.F16 / LUT.GEMM.F16 tiles of each"
                  + " projection double-buffered through WGT)"
              : "on the mac_array's sign-add path (fp16 activations: GEMM.SF tiles of each projection"
                  + " double-buffered through WGT)"));
    } else {
      sb.append(String.format(Locale.ROOT, "%n%s unit, weights packed %s, one LOOP.GEMM per projection (whole weight"
          + " rows per WGT slot)%n", est.unit().name().toLowerCase(Locale.ROOT), p.packing().modelsName()));
    }
    sb.append(lp.describe()).append(String.format(Locale.ROOT, "%d instructions%n", lp.program().size()));
    if (!lp.streamed()) {
      sb.append("schedule of the first chunk:\n");
      List<Step> steps = lp.plans().get(0).steps();
      for (int i = 0; i < steps.size(); i++) {
        sb.append(String.format(Locale.ROOT, "  %2d %s%n", i, steps.get(i).name()));
      }
    }
    return sb.toString();
  }

  private static String groupTable(Map<LayerKind, Long> groups, long total, double clockMhz) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%n  %-12s %12s %12s %7s%n", "layer_type",
        "cycles", "latency_us", "share"));
    groups.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-12s %,12d %12.2f %6.1f%%%n", k.label(), v,
        v / clockMhz, 100.0 * v / total)));
    return sb.toString();
  }

  @Override
  public List<CrossCheckReport> crosscheck(LayerRequest r) {
    boolean signAdd = AcceleratorFormats.signAdd(r.format());
    if (!signAdd) {
      AcceleratorFormats.alphabet(r.format()); // a format the units cannot run is refused with what it lacks
    } else if (!r.units().contains(ComputeUnit.MAC) && !lutFloatAdders(r)) {
      throw new IllegalArgumentException("--unit lut: weight format '" + r.format().name() + "' takes fp16"
          + " activations, which the LUT core runs as fp16 tables (LUT.BUILD.F16 / LUT.GEMM.F16) only with"
          + " lut_core.float_adders: fp32; arch '" + r.arch().name() + "' has no fp adders in its LUT core");
    }
    ModelConfig c = DecoderCrossCheck.reduced(r.model(), r.reduce());
    DecoderCrossCheck check = new DecoderCrossCheck(r.arch());
    // model: two decoder layers chained in one program (every layer of a model shares the program's shape)
    List<DecoderCase> layers = scope == Scope.DECODER ? List.of(DecoderCase.seeded(c, shape(r), r.seed(), r.format()))
        : List.of(DecoderCase.seeded(c, shape(r), r.seed(), r.format()),
            DecoderCase.seeded(c, shape(r), r.seed() + 1, r.format()));
    List<CrossCheckReport> out = new ArrayList<>();
    for (ComputeUnit u : units(r)) {
      if (signAdd && u == ComputeUnit.LUT && !lutFloatAdders(r)) {
        continue; // both units requested: the LUT core without fp adders has nothing to run
      }
      if (!signAdd) {
        AcceleratorFormats.alphabetOn(r.format(), u, r.arch().lutCore().variant());
      }
      out.add(check.runLayers(layers, u));
    }
    return out;
  }
}
