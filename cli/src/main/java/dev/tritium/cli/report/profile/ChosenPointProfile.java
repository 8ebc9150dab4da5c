package dev.tritium.cli.report.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tritium.cli.report.model.DesignPoint;
import dev.tritium.cli.report.model.SweepResults;
import dev.tritium.cli.report.read.SweepReader;
import dev.tritium.common.io.InputFiles;
import dev.tritium.dse.sweep.SweepParameter;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.ModelEstimate;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.mapper.report.ModelEnergy;
import dev.tritium.mapper.report.ModelEnergyReport;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelConfigs;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.energy.CostModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Profiles a sweep's chosen design so its report has the roofline, per-layer latency and energy
 * sections: rebuilds the point's arch from DIR/sweep.json (the base arch exactly as the sweep used it,
 * with the point's parameter values applied as dse applies them), maps and simulates the sweep's
 * workload on it ({@code ModelEstimator}, timing only), prices it ({@code ModelEnergy}, default cost
 * preset at the arch's node, as {@code tritium estimate} does), and writes the profile files into DIR.
 */
public final class ChosenPointProfile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChosenPointProfile() {}

  /** The chosen point's arch and compute unit, rebuilt from sweep.json. */
  public record PointDesign(ArchConfig arch, ComputeUnit unit, String model, LayerShape shape) {}

  /** Writes the profile of {@code sweep}'s chosen point into {@code dir}; returns the files written. */
  public static List<Path> write(Path dir, SweepResults sweep) throws IOException {
    DesignPoint chosen = sweep.chosen().orElseThrow(() -> new IllegalArgumentException(dir
        + ": no ok point in the sweep, so no chosen design to profile"));
    PointDesign d = design(dir.resolve(SweepReader.SWEEP), chosen);
    ModelConfig model = ModelConfigs.resolve(d.model());
    ModelEstimator estimator = new ModelEstimator(model, d.arch(), d.unit());
    ModelEstimate estimate = estimator.estimate(d.shape());
    CostModel cost = CostModel.preset(CostModel.DEFAULT_PRESET, d.arch().technologyNodeNm());
    ModelEnergyReport r = new ModelEnergy(model, d.arch(), d.unit(), cost, estimator).run(d.shape(), estimate);
    return ProfileFiles.write(dir, r, d.arch(), d.unit(), chosen.parameters(), OptionalLong.of(chosen.pointId()));
  }

  /** The point's design from sweep.json: base_arch.config, the point's parameters, the workload. */
  public static PointDesign design(Path sweepJson, DesignPoint point) throws IOException {
    JsonNode root = JSON.readTree(InputFiles.text(sweepJson, "a sweep.json written by tritium dse"));
    JsonNode config = root.path("base_arch").path("config");
    if (!config.isObject()) {
      throw new IllegalArgumentException(sweepJson + ": field 'base_arch.config': expected the base arch object");
    }
    ArchConfig arch = ArchConfigs.parse(JSON.writeValueAsString(config), sweepJson + " base_arch.config");
    String sweepName = root.path("sweep").asText("sweep");
    arch = arch.withName(sweepName + "-p" + point.pointId());
    ComputeUnit unit = ComputeUnit.MAC;
    for (var e : point.parameters().entrySet()) {
      SweepParameter p;
      try {
        p = SweepParameter.of(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(sweepJson + ": parameter '" + e.getKey() + "' is not a sweep parameter "
            + "of this build: " + ex.getMessage(), ex);
      }
      arch = p.apply(arch, e.getValue());
      if (p.isComputeUnit()) {
        unit = ComputeUnit.parse(e.getValue());
      }
    }
    arch = ArchConfigs.validate(arch, "point " + point.pointId());
    JsonNode w = root.path("workload");
    String phase = w.path("phase").asText("decode");
    LayerShape shape = switch (phase) {
      case "decode" -> LayerShape.decode(w.path("context").asInt(0));
      case "prefill" -> LayerShape.prefill(w.path("tokens").asInt(1));
      default -> throw new IllegalArgumentException(sweepJson + ": field 'workload.phase': expected decode or prefill, "
          + "got '" + phase + "'");
    };
    String model = w.path("model").asText("");
    if (model.isEmpty()) {
      throw new IllegalArgumentException(sweepJson + ": field 'workload.model': expected a model preset or config.json");
    }
    return new PointDesign(arch, unit, model, shape);
  }
}
