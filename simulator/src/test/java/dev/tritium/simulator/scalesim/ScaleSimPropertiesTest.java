package dev.tritium.simulator.scalesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.simulator.unit.mac.SystolicMapping;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Example;
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

  /**
   * Over the whole int range of M, N and K a layer either reports only finite, non-negative figures or is
   * refused by name; it never wraps into negative cycles (M = N = K = 2^31 - 1 used to print negative native
   * cycles and utilisation).
   */
  @Property(tries = 400, seed = "20261206")
  void everyFigureIsFiniteAndNonNegativeOrTheLayerIsRefused(
      @ForAll @IntRange(min = 1) int m,
      @ForAll @IntRange(min = 1) int n,
      @ForAll @IntRange(min = 1) int k,
      @ForAll @IntRange(min = 0, max = 9) int logRows,
      @ForAll @IntRange(min = 0, max = 9) int logCols,
      @ForAll Dataflow df) {
    ScaleSimLayerReport r;
    try {
      r = ScaleSimModel.layer(3, ScaleSimLayer.gemm("big", m, n, k), 1 << logRows, 1 << logCols, df);
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().startsWith("layer 3 'big': its cycle and access counts do not fit"), e.getMessage());
      return;
    }
    for (long v : new long[] {r.totalCycles(), r.nativeTotalCycles(), r.ifmapSramReads(), r.filterSramReads(),
        r.ofmapSramWrites(), r.ifmapDramWords(), r.filterDramWords(), r.ofmapDramWords()}) {
      assertTrue(v >= 0, "negative count in " + r);
    }
    for (double v : new double[] {r.overallUtilPercent(), r.mappingEfficiencyPercent(), r.computeUtilPercent(),
        r.avgIfmapSramBw()}) {
      assertTrue(Double.isFinite(v) && v >= 0, "non-finite or negative figure in " + r);
    }
  }

  @Example
  void theLargestGemmIsRefusedByName() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ScaleSimModel.layer(0, ScaleSimLayer.gemm("q", Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE), 32, 32, Dataflow.WS));
    assertTrue(e.getMessage().startsWith("layer 0 'q': its cycle and access counts do not fit in 64-bit integers"),
        e.getMessage());
  }
}
