package dev.tritium.dse.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.dse.FakeEvaluatorFactory;
import dev.tritium.dse.sweep.Metric;
import dev.tritium.dse.sweep.SweepFiles;
import dev.tritium.dse.sweep.SweepSpec;
import dev.tritium.simulator.config.ArchConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointRunnerTest {

  static SweepSpec spec(String params, String constraints) {
    return SweepFiles.parse("sweep: r\nbase_arch: edge-fpga-mac\nworkload: {model: m, phase: prefill, tokens: 4}\n"
        + "parameters:\n" + params + constraints + "objectives: {latency_ms: min}\n", "r.yaml", Path.of("."));
  }

  static PointRunner runner(SweepSpec s) {
    return new PointRunner(s, new FakeEvaluatorFactory().create(), new AreaEstimator());
  }

  static String metric(ResultRow r, Metric m) {
    return r.metrics().get(m.ordinal());
  }

  @Test
  void okRowDerivesEveryMetricFromLatencyEnergyAndArea() {
    SweepSpec s = spec("  mac_array.rows: [16]\n  clock_mhz: [250]\n", "");
    ResultRow r = runner(s).run(0);
    assertEquals(PointStatus.OK, r.status());
    assertEquals("", r.reason());
    // 16 x 64 PEs: compute ceil(1e9 / 1024) = 976563 cycles; DRAM 5e8 B at 19.2 GB/s and 250 MHz =
    // 76.8 B/cycle -> 6510417 cycles (memory bound); + 1000.
    assertEquals("6511417", metric(r, Metric.LATENCY_CYCLES));
    assertEquals("26.045668", metric(r, Metric.LATENCY_MS)); // 6511417 / 250 MHz
    assertEquals("5.01", metric(r, Metric.DYNAMIC_ENERGY_MJ)); // 5e9 + 1e7 pJ
    ArchConfig arch = s.archOf(s.baseArch(), 0, s.valuesOf(0));
    DesignArea area = new AreaEstimator().area(arch);
    assertEquals(MetricFormat.format(area.totalUm2()), metric(r, Metric.AREA_UM2));
    double ns = 6511417 / 250.0 * 1e3;
    double staticPj = area.leakageNwPerUm2() * area.totalUm2() * ns * 1e-6;
    assertEquals(MetricFormat.format(staticPj * 1e-9), metric(r, Metric.STATIC_ENERGY_MJ));
    double energyPj = 5.01e9 + staticPj;
    assertEquals(MetricFormat.format(energyPj * 1e-9), metric(r, Metric.ENERGY_MJ));
    double watts = energyPj * 1e-12 / (ns * 1e-9);
    assertEquals(MetricFormat.format(watts), metric(r, Metric.POWER_W));
    assertEquals(MetricFormat.format(4 / (ns * 1e-9)), metric(r, Metric.TOKENS_PER_S)); // prefill of 4 tokens
    assertEquals(MetricFormat.format(4 / (ns * 1e-9) / watts), metric(r, Metric.TOKENS_PER_S_PER_W));
  }

  @Test
  void invalidDesignsAndUnmappablePointsFailWithTheirReason() {
    SweepSpec s = spec("  mac_array.rows: [24, 32]\n  compute_unit: [mac, lut]\n  lut_core.group_size: [2, 3]\n", "");
    PointRunner pr = runner(s);
    ResultRow bad = pr.run(0); // rows 24
    assertEquals(PointStatus.FAILED, bad.status());
    assertTrue(bad.reason().startsWith("invalid design: point 0: key 'mac_array.rows' must be a power of two"),
        bad.reason());
    assertTrue(bad.metrics().stream().allMatch(String::isEmpty));
    ResultRow unmappable = pr.run(s.idOf(new int[] {1, 1, 0})); // 32 rows, lut, g = 2
    assertEquals(PointStatus.FAILED, unmappable.status());
    assertEquals("mapping: fake mapper: LUT group size 2 is not supported", unmappable.reason());
    assertEquals(PointStatus.OK, pr.run(s.idOf(new int[] {1, 1, 1})).status());
    assertEquals(PointStatus.OK, pr.run(s.idOf(new int[] {1, 0, 0})).status()); // mac ignores g
  }

  @Test
  void constraintsMakePointsInfeasibleWithTheLimitInTheReason() {
    SweepSpec area = spec("  mac_array.rows: [16, 32]\n", "constraints: {max_area_um2: 2.0e6}\n");
    PointRunner pr = runner(area);
    assertEquals(PointStatus.OK, pr.run(0).status());
    ResultRow big = pr.run(1);
    assertEquals(PointStatus.INFEASIBLE, big.status());
    assertEquals("area_um2 " + metric(big, Metric.AREA_UM2) + " > max_area_um2 2000000", big.reason());
    assertEquals("", metric(big, Metric.LATENCY_MS)); // not simulated
    SweepSpec power = spec("  dram.peak_bandwidth_GBps: [2, 38.4]\n", "constraints: {max_power_W: 0.2}\n");
    List<ResultRow> rows = List.of(runner(power).run(0), runner(power).run(1));
    // DRAM-bound: 5e8 B take 250 ms at 2 GB/s (~0.04 W) but 13 ms at 38.4 GB/s (~0.4 W).
    assertEquals(PointStatus.OK, rows.get(0).status(), rows.get(0).toString());
    assertEquals(PointStatus.INFEASIBLE, rows.get(1).status(), rows.get(1).toString());
    assertTrue(rows.get(1).reason().startsWith("power_W " + metric(rows.get(1), Metric.POWER_W) + " > max_power_W 0.2"));
  }

  @Test
  void fpgaConstraintMakesDesignsThatOverflowThePartInfeasible() {
    SweepSpec s = spec("  mac_array.rows: [32, 256]\n  mac_array.cols: [64, 256]\n",
        "constraints: {fits_fpga_part: ZCU104}\n");
    assertEquals("zcu104", s.constraints().fpgaPart());
    PointRunner pr = runner(s);
    ResultRow edge = pr.run(0); // the edge-fpga preset as it is
    assertEquals(PointStatus.OK, edge.status(), edge.reason());
    ResultRow big = pr.run(3); // 256 x 256
    assertEquals(PointStatus.INFEASIBLE, big.status());
    assertTrue(big.reason().startsWith("does not fit FPGA part zcu104: "), big.reason());
    assertEquals("", metric(big, Metric.LATENCY_MS));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> spec("  clock_mhz: [100]\n", "constraints: {fits_fpga_part: vu9p}\n"));
    assertTrue(e.getMessage().startsWith("r.yaml: key 'constraints.fits_fpga_part': unknown FPGA part 'vu9p'"),
        e.getMessage());
  }

  @Test
  void metricFormatKeepsTenSignificantDigitsPlain() {
    assertEquals("0", MetricFormat.format(0.0));
    assertEquals("26.045668", MetricFormat.format(26.045668));
    assertEquals("1234567891", MetricFormat.format(1234567890.6));
    assertEquals("12345678900", MetricFormat.format(12345678901.0));
    assertEquals("0.0000012", MetricFormat.format(1.2e-6));
    assertEquals("0.3333333333", MetricFormat.format(1.0 / 3));
    assertThrows(IllegalArgumentException.class, () -> MetricFormat.format(Double.NaN));
  }
}
