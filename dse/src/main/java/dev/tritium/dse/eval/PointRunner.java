package dev.tritium.dse.eval;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.dse.sweep.Constraints;
import dev.tritium.dse.sweep.Metric;
import dev.tritium.dse.sweep.SweepSpec;
import dev.tritium.simulator.fit.FitEstimate;
import dev.tritium.simulator.fit.FpgaFit;
import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.simulator.unit.FpgaResources;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns a point id into its results.csv row: builds and validates the point's arch, sizes it, checks the
 * area limit, evaluates the workload, derives power and throughput, checks the power limit. Every
 * executor goes through this one class, which is why their rows are identical. A point that cannot be
 * built or mapped becomes a {@code failed} row with the reason; nothing a point does aborts the sweep.
 * Thread-safe when the evaluator is.
 */
public final class PointRunner {

  private final SweepSpec spec;
  private final ArchConfig base;
  private final PointEvaluator evaluator;
  private final AreaEstimator areas;
  private final FpgaPart fpgaPart;

  public PointRunner(SweepSpec spec, PointEvaluator evaluator, AreaEstimator areas) {
    this.spec = spec;
    this.base = spec.baseArch();
    this.evaluator = evaluator;
    this.areas = areas;
    this.fpgaPart = spec.constraints().fpgaPart() == null ? null : FpgaPart.byName(spec.constraints().fpgaPart());
  }

  public SweepSpec spec() {
    return spec;
  }

  public ResultRow run(long id) {
    List<String> values = spec.valuesOf(id);
    String[] metrics = new String[Metric.values().length];
    java.util.Arrays.fill(metrics, "");
    ArchConfig arch;
    try {
      arch = ArchConfigs.validate(spec.archOf(base, id, values), "point " + id);
    } catch (IllegalArgumentException e) {
      return new ResultRow(id, values, List.of(metrics), PointStatus.FAILED, "invalid design: " + e.getMessage());
    }
    DesignArea area;
    try {
      area = areas.area(arch);
    } catch (RuntimeException e) {
      return new ResultRow(id, values, List.of(metrics), PointStatus.FAILED, "area: " + message(e));
    }
    double areaUm2 = area.totalUm2();
    metrics[Metric.AREA_UM2.ordinal()] = MetricFormat.format(areaUm2);
    Constraints limits = spec.constraints();
    if (limits.maxAreaUm2() != null && areaUm2 > limits.maxAreaUm2()) {
      // Over the area limit: not worth simulating.
      return new ResultRow(id, values, List.of(metrics), PointStatus.INFEASIBLE, "area_um2 "
          + metrics[Metric.AREA_UM2.ordinal()] + " > max_area_um2 " + MetricFormat.format(limits.maxAreaUm2()));
    }
    if (fpgaPart != null) {
      FitEstimate fit;
      try {
        fit = FpgaFit.estimate(arch, fpgaPart);
      } catch (RuntimeException e) {
        return new ResultRow(id, values, List.of(metrics), PointStatus.FAILED, "fpga fit: " + message(e));
      }
      if (!fit.fits()) {
        StringBuilder over = new StringBuilder();
        for (FpgaResources.Resource r : fit.overflows()) {
          over.append(over.length() == 0 ? "" : ", ").append(r.label()).append(' ')
              .append(fit.total().get(r)).append(" > ").append(fpgaPart.capacity().get(r));
        }
        return new ResultRow(id, values, List.of(metrics), PointStatus.INFEASIBLE, "does not fit FPGA part "
            + fpgaPart.key() + ": " + over);
      }
    }
    ComputeUnit unit = spec.computeUnitOf(values);
    WorkloadResult r;
    try {
      r = evaluator.evaluate(arch, unit, spec.workloadOf(values));
    } catch (IllegalArgumentException | IllegalStateException e) {
      return new ResultRow(id, values, List.of(metrics), PointStatus.FAILED, "mapping: " + message(e));
    } catch (RuntimeException e) {
      return new ResultRow(id, values, List.of(metrics), PointStatus.FAILED, "evaluator error: " + e);
    }
    double latencyNs = r.latencyCycles() * 1e3 / arch.clockMhz();
    double staticPj = area.staticEnergyPj(latencyNs);
    double energyPj = r.dynamicEnergyPj() + staticPj;
    double powerW = energyPj * 1e-12 / (latencyNs * 1e-9);
    double tokensPerS = spec.workloadOf(values).tokens() / (latencyNs * 1e-9);
    metrics[Metric.LATENCY_CYCLES.ordinal()] = MetricFormat.format(r.latencyCycles());
    metrics[Metric.LATENCY_MS.ordinal()] = MetricFormat.format(latencyNs * 1e-6);
    metrics[Metric.DYNAMIC_ENERGY_MJ.ordinal()] = MetricFormat.format(r.dynamicEnergyPj() * 1e-9);
    metrics[Metric.STATIC_ENERGY_MJ.ordinal()] = MetricFormat.format(staticPj * 1e-9);
    metrics[Metric.ENERGY_MJ.ordinal()] = MetricFormat.format(energyPj * 1e-9);
    metrics[Metric.POWER_W.ordinal()] = MetricFormat.format(powerW);
    metrics[Metric.TOKENS_PER_S.ordinal()] = MetricFormat.format(tokensPerS);
    metrics[Metric.TOKENS_PER_S_PER_W.ordinal()] = MetricFormat.format(tokensPerS / powerW);
    if (limits.maxPowerW() != null && powerW > limits.maxPowerW()) {
      return new ResultRow(id, values, List.of(metrics), PointStatus.INFEASIBLE, "power_W "
          + metrics[Metric.POWER_W.ordinal()] + " > max_power_W " + MetricFormat.format(limits.maxPowerW()));
    }
    return new ResultRow(id, values, List.of(metrics), PointStatus.OK, "");
  }

  /** The metric column names, in row order. */
  public static List<String> metricKeys() {
    List<String> keys = new ArrayList<>(Metric.keys());
    return Collections.unmodifiableList(keys);
  }

  private static String message(RuntimeException e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
