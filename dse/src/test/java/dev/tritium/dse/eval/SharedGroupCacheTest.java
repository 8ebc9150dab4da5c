package dev.tritium.dse.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.dse.run.DseRequest;
import dev.tritium.dse.run.SweepRunner;
import dev.tritium.dse.run.SweepSummary;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.dse.sweep.SweepFiles;
import dev.tritium.dse.sweep.SweepSpec;
import dev.tritium.dse.sweep.Workload;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.LayerGroupCache;
import dev.tritium.mapper.model.ModelEstimate;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.mapper.schedule.ProjectionLowering;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared layer-group cache of {@link MapperPointEvaluator} reuses work and never changes a result. */
class SharedGroupCacheTest {

  /** Report groups of a decoder layer (13), the whole layer, the embedding, the final norm, the LM head. */
  private static final int LOOKUPS_PER_POINT = 17;

  @TempDir Path tmp;

  /** The real evaluator with or without the shared cache (no whole-point cache in front). */
  public record MapperFactory(boolean shareGroups) implements PointEvaluatorFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public PointEvaluator create() {
      return new MapperPointEvaluator(shareGroups ? new LayerGroupCache() : null);
    }
  }

  private static final String MIXED = """
      sweep: shared-groups
      base_arch: edge-fpga-mac
      workload: {model: bitnet-b1.58-2b-4t, phase: decode, context: 128}
      parameters:
        compute_unit: [mac, lut]
        lut_core.lookups_per_cycle: [32, 64]
        mac_array.cols: [32, 64]
        dram.peak_bandwidth_GBps: [12.8, 19.2]
      objectives: {latency_ms: min, energy_mJ: min}
      """;

  private static final String LUT_ONLY_ON_MAC = """
      sweep: lut-only
      base_arch: edge-fpga-mac
      workload: {model: bitnet-b1.58-2b-4t, phase: decode, context: 128}
      parameters:
        compute_unit: [mac]
        lut_core.group_size: [2, 4]
        lut_core.lookups_per_cycle: [16, 32, 64]
      objectives: {latency_ms: min}
      """;

  private Path write(String name, String yaml) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, yaml);
    return p;
  }

  private static SweepSummary run(Path sweep, Path out, PointEvaluatorFactory factory) throws Exception {
    return SweepRunner.run(new DseRequest(sweep, out, "local", 2, false, false, factory),
        new PrintWriter(new StringWriter(), true));
  }

  @Test
  void sweepResultsAreByteIdenticalWithAndWithoutTheSharedCache() throws Exception {
    Path sweep = write("mixed.yaml", MIXED);
    MapperFactory shared = new MapperFactory(true);
    SweepSummary a = run(sweep, tmp.resolve("alone"), new MapperFactory(false));
    SweepSummary b = run(sweep, tmp.resolve("shared"), shared);
    assertEquals(16, a.points());
    assertEquals(List.of(a.ok(), a.infeasible(), a.failed(), a.paretoPoints()),
        List.of(b.ok(), b.infeasible(), b.failed(), b.paretoPoints()));
    assertTrue(a.ok() > 0, a.toString());
    for (String f : List.of("results.csv", "pareto.csv")) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("alone").resolve(f)),
          Files.readAllBytes(tmp.resolve("shared").resolve(f)), f);
    }
    LayerGroupCache.Stats s = ((MapperPointEvaluator) Evaluators.shared(shared)).groupCache().stats();
    assertTrue(s.hits() > 0 && s.misses() > 0, s.toString());
    assertEquals(0, s.footprintWidenings(), s.toString());
  }

  @Test
  void lutParametersAloneOnTheMacUnitReuseEveryGroupAfterTheFirstPoint() {
    SweepSpec spec = SweepFiles.parse(LUT_ONLY_ON_MAC, "lut-only.yaml", tmp);
    MapperPointEvaluator evaluator = new MapperPointEvaluator(new LayerGroupCache());
    PointRunner runner = new PointRunner(spec, evaluator, new AreaEstimator());
    for (long id = 0; id < spec.pointCount(); id++) {
      ResultRow r = runner.run(id);
      assertEquals(PointStatus.OK, r.status(), r.toString());
    }
    LayerGroupCache.Stats s = evaluator.groupCache().stats();
    assertEquals(LOOKUPS_PER_POINT, s.misses(), s.toString());
    assertEquals(LOOKUPS_PER_POINT * (spec.pointCount() - 1), s.hits(), s.toString());
  }

  @Test
  void evaluatorPricesLikeTheEstimatorsDefault() {
    // The evaluator builds the estimator's default accounting itself (to reuse parsed cost tables).
    ArchConfig edge = ArchConfigs.preset("edge-fpga-mac");
    WorkloadResult got = new MapperPointEvaluator(null).evaluate(edge, ComputeUnit.LUT,
        Workload.decode("bitnet-b1.58-2b-4t", 128));
    ModelEstimate want = new ModelEstimator(ModelPresets.byName("bitnet-b1.58-2b-4t"), edge,
        ComputeUnit.LUT).estimate(LayerShape.decode(128));
    assertEquals(new WorkloadResult(want.totalCycles(), want.totalEnergyPj()), got);
  }

  @Test
  void aFormatPointPricesLikeEstimateWithThatFormat() {
    // The sweep's format axis and `estimate --format` build their estimators on two paths; they must agree.
    ArchConfig edge = ArchConfigs.preset("edge-fpga-mac");
    MapperPointEvaluator evaluator = new MapperPointEvaluator(null);
    Workload ternary = Workload.decode("bitnet-b1.58-large", 64);
    WorkloadResult w1 = evaluator.evaluate(edge, ComputeUnit.MAC, ternary.withFormat("bitnet-w1"));
    ModelEstimate want = ModelEstimator.forFormat(ModelPresets.byName("bitnet-b1.58-large"), edge, ComputeUnit.MAC,
        FormatPresets.parse("bitnet-w1")).estimate(LayerShape.decode(64));
    assertEquals(new WorkloadResult(want.totalCycles(), want.totalEnergyPj()), w1);
    // Binary weights in SIGN_BITS stream fewer bytes than base-3 ternary and skip no zero: the figures differ.
    WorkloadResult t = evaluator.evaluate(edge, ComputeUnit.MAC, ternary);
    assertTrue(w1.dynamicEnergyPj() < t.dynamicEnergyPj(), w1 + " vs " + t);
  }
}
