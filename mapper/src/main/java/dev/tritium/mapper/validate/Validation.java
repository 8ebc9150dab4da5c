package dev.tritium.mapper.validate;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Packing;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.EstimateRow;
import dev.tritium.mapper.model.ModelEstimate;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.mapper.report.ModelEnergy;
import dev.tritium.mapper.schedule.ProjectionLowering;
import dev.tritium.mapper.validate.ValidationReport.FigureRow;
import dev.tritium.mapper.validate.ValidationReport.GapRow;
import dev.tritium.mapper.validate.ValidationReport.ToggleRow;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.count.LayerKind;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.fit.FitEstimate;
import dev.tritium.simulator.fit.FpgaFit;
import dev.tritium.simulator.fit.FpgaPart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Predicts a published design's figures with the kit's own models (the model estimate for decode, time to first
 * token and the LM head; the energy accounting for power; fpga-fit for resources), measures each modelled
 * feature's share by toggling it, and computes the effect of what the template cannot express. Nothing here is
 * fitted to the published values; the report states the error, whatever it is.
 */
public final class Validation {

  /** The vector-unit groups a fused element-wise stream could hide. */
  private static final Set<String> ELEMENTWISE_GROUPS = Set.of("act_quant", "rope", "norms", "ffn_act", "residual");

  private final PublishedDesign design;
  private final ModelConfig model;
  private final ComputeUnit unit;

  public Validation(PublishedDesign design) {
    this.design = design;
    this.model = ModelPresets.byName(design.model());
    this.unit = ComputeUnit.parse(design.unit());
  }

  /** The report: figures, toggles and gaps. */
  public ValidationReport run() {
    ArchConfig arch = ArchConfigs.preset(design.arch());
    Predictor base = new Predictor(arch);
    List<FigureRow> figures = new ArrayList<>();
    for (PublishedFigure f : design.figures()) {
      figures.add(base.predict(f));
    }
    List<PublishedFigure> perf = design.figures().stream().filter(f -> isPerformance(f.metric())).toList();
    List<ToggleRow> toggles = new ArrayList<>();
    for (FeatureToggle t : design.features()) {
      Predictor p = new Predictor(toggled(arch, t));
      toggles.add(new ToggleRow(t, perf.stream().map(f -> p.predict(f).predicted()).toList()));
    }
    List<GapRow> gaps = new ArrayList<>();
    int context = perf.stream().filter(f -> f.context() != null).map(PublishedFigure::context).findFirst().orElse(128);
    for (Gap g : design.gaps()) {
      gaps.add(gap(g, arch, base, context));
    }
    return new ValidationReport(design, figures, toggles, gaps);
  }

  static boolean isPerformance(Metric m) {
    return m == Metric.DECODE_TOKENS_PER_S || m == Metric.TTFT_S || m == Metric.LM_HEAD_MS;
  }

  /** The arch with one feature toggled ({@code host: none} removes the host CPU), without its citations. */
  static ArchConfig toggled(ArchConfig cited, FeatureToggle t) {
    ArchConfig a = cited.uncited();
    for (Map.Entry<String, String> e : t.set().entrySet()) {
      if (e.getKey().equals("host")) {
        if (!e.getValue().equals("none")) {
          throw new IllegalArgumentException("toggle of 'host' takes the value none, got '" + e.getValue() + "'");
        }
        a = a.withHost(null);
      } else {
        a = ArchKeys.with(a, e.getKey(), e.getValue());
      }
    }
    return ArchConfigs.validate(a.withName(cited.name() + "[" + t.describe() + "]"), "validate toggle "
        + t.describe());
  }

  /** Predictions on one arch, with the estimates of each shape computed once. */
  private final class Predictor {
    final ArchConfig arch;
    final ModelEstimator estimator;
    final Map<LayerShape, ModelEstimate> estimates = new HashMap<>();

    Predictor(ArchConfig arch) {
      this.arch = arch;
      this.estimator = new ModelEstimator(model, arch, unit);
    }

    ModelEstimate estimate(LayerShape shape) {
      return estimates.computeIfAbsent(shape, estimator::estimate);
    }

    FigureRow predict(PublishedFigure f) {
      return switch (f.metric()) {
        case DECODE_TOKENS_PER_S -> {
          ModelEstimate e = estimate(LayerShape.decode(require(f.context(), f, "context")));
          yield new FigureRow(f, e.tokensPerSecond(), String.format(Locale.ROOT, "decode estimate, %.3f ms/token",
              e.msPerToken()));
        }
        case TTFT_S -> {
          ModelEstimate e = estimate(LayerShape.prefill(require(f.promptTokens(), f, "prompt_tokens")));
          yield new FigureRow(f, e.totalMs() / 1000.0, String.format(Locale.ROOT,
              "prefill estimate of the whole prompt with the final norm and one LM head, %d token(s) per chunk",
              e.chunkTokens()));
        }
        case LM_HEAD_MS -> {
          ModelEstimate e = estimate(LayerShape.decode(decodeContext()));
          long cycles = e.rows().stream().filter(r -> r.group().equals("lm_head")).mapToLong(EstimateRow::cycles)
              .sum();
          yield new FigureRow(f, cycles / (arch.clockMhz() * 1000.0), "lm_head row of the decode estimate, on the "
              + e.placement("lm_head"));
        }
        case POWER_W -> {
          LayerShape shape = LayerShape.decode(decodeContext());
          ModelEstimate e = estimate(shape);
          double totalPj = new ModelEnergy(estimator).run(shape, e).total().totalPj();
          yield new FigureRow(f, totalPj / (e.totalMs() * 1e9), "decode energy per token (dynamic + static, the kit's"
              + " ASIC-style action prices at the arch's node; no FPGA fabric, clock tree or board power) / time per"
              + " token");
        }
        case LUT, FF, DSP, BRAM36, URAM -> {
          FitEstimate fit = FpgaFit.estimate(arch, FpgaPart.byName(design.part()));
          yield new FigureRow(f, fit.total().get(f.metric().resource()), "fpga-fit on " + design.part());
        }
      };
    }
  }

  private int decodeContext() {
    return design.figures().stream().filter(f -> f.metric() == Metric.DECODE_TOKENS_PER_S && f.context() != null)
        .map(PublishedFigure::context).findFirst().orElse(128);
  }

  private static int require(Integer v, PublishedFigure f, String field) {
    if (v == null) {
      throw new IllegalArgumentException("published figure " + f.metric() + " needs " + field);
    }
    return v;
  }

  private GapRow gap(Gap g, ArchConfig arch, Predictor base, int context) {
    double gbps = arch.dram().peakBandwidthGBps();
    return switch (g.kind()) {
      case WEIGHT_K_PADDING -> {
        int block = arch.lutCore().activationBlock();
        ProjectionLowering p = new ProjectionLowering(Machine.isaTarget(arch), unit);
        Packing packing = p.packing();
        long extra = 0;
        for (LayerKind k : LayerKind.projections()) {
          long kk = k.inFeatures(model);
          long padded = block == 0 ? kk : (kk + block - 1) / block * block;
          extra += (long) k.outFeatures(model) * (packing.packedRowBytes(padded) - packing.packedRowBytes(kk));
        }
        extra *= model.numLayers();
        double ms = extra / (gbps * 1e6);
        yield new GapRow(g, ms, String.format(Locale.ROOT, "K padded to multiples of %d in %s: %,d more weight bytes"
            + " per token at %.1f GB/s", block, packing.modelsName(), extra, gbps));
      }
      case FUSED_ELEMENTWISE -> {
        ModelEstimate e = base.estimate(LayerShape.decode(context));
        long cycles = e.rows().stream().filter(r -> ELEMENTWISE_GROUPS.contains(r.group()))
            .mapToLong(EstimateRow::cycles).sum();
        double ms = -cycles / (arch.clockMhz() * 1000.0);
        yield new GapRow(g, ms, String.format(Locale.ROOT, "at most the %,d cycles of the separate vector passes %s in"
            + " the decode estimate", cycles, ELEMENTWISE_GROUPS.stream().sorted().toList()));
      }
    };
  }
}
