package dev.tritium.simulator.scalesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.simulator.unit.mac.SystolicMapping;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the closed forms over random shapes (jqwik, seeded by its database/seed). */
class ScaleSimPropertiesTest {

  @Property(tries = 300, seed = "20261123")
  void nativeNeverSlowerAndEqualForOneFold(
      @ForAll @IntRange(min = 1, max = 600) int m,
      @ForAll @IntRange(min = 1, max = 600) int n,
      @ForAll @IntRange(min = 1, max = 600) int k,
      @ForAll @IntRange(min = 0, max = 7) int logRows,
      @ForAll @IntRange(min = 0, max = 7) int logCols,
      @ForAll Dataflow df) {
    ScaleSimLayerReport r = ScaleSimModel.layer(0, ScaleSimLayer.gemm("p", m, n, k), 1 << logRows, 1 << logCols, df);
    assertTrue(r.nativeTotalCycles() <= r.totalCycles());
    if (r.mapping().folds() == 1) {
      assertEquals(r.totalCycles(), r.nativeTotalCycles());
    }
  }

  @Property(tries = 300, seed = "20261124")
  void averagesMatchTheirAlgebraicForms(
      @ForAll @IntRange(min = 1, max = 500) int m,
      @ForAll @IntRange(min = 1, max = 500) int n,
      @ForAll @IntRange(min = 1, max = 500) int k,
      @ForAll @IntRange(min = 1, max = 70) int rows,
      @ForAll @IntRange(min = 1, max = 70) int cols,
      @ForAll Dataflow df) {
    ScaleSimLayerReport r = ScaleSimModel.layer(0, ScaleSimLayer.gemm("p", m, n, k), rows, cols, df);
    SystolicMapping map = r.mapping();
    double pes = (double) rows * cols;
    // Sum over folds of used PEs is exactly Sr x Sc.
    double mapping = map.sr() * map.sc() / pes / map.folds() * 100;
    assertEquals(mapping, r.mappingEfficiencyPercent(), 1e-9 * Math.max(1, mapping));
    // Every MAC happens once: overall util = MACs / (cycles x PEs), and total cycles = folds x lines - 1.
    assertEquals(map.folds() * ScaleSimModel.linesPerFold(map) - 1, r.totalCycles());
    assertEquals((double) m * n * k * 100 / ((double) r.totalCycles() * pes), r.overallUtilPercent(), 1e-9);
    assertTrue(r.computeUtilPercent() <= r.mappingEfficiencyPercent() + 1e-9);
  }
}
