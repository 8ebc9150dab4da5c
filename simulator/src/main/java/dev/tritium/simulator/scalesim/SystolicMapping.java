package dev.tritium.simulator.scalesim;

import static dev.tritium.common.IntMath.ceilDiv;

import dev.tritium.simulator.config.Dataflow;

/**
 * How SCALE-Sim maps a layer onto an R x C array for one dataflow: the spatial rows {@code Sr} and
 * columns {@code Sc} of the operand that is folded over the array, and the temporal length {@code T}
 * that streams through each fold. With M = ofmap pixels, K = window, N = filters:
 *
 * <pre>
 *   ws: Sr = K, Sc = N, T = M      os: Sr = M, Sc = N, T = K      is: Sr = K, Sc = M, T = N
 * </pre>
 *
 * Folds: {@code ceil(Sr / R)} row folds times {@code ceil(Sc / C)} column folds.
 */
public record SystolicMapping(Dataflow dataflow, int rows, int cols, long sr, long sc, long t) {

  /** The mapping of {@code layer} on a {@code rows x cols} array. */
  public static SystolicMapping of(ScaleSimLayer layer, int rows, int cols, Dataflow dataflow) {
    long m = layer.ofmapPixels();
    long k = layer.windowSize();
    long n = layer.numFilters();
    return switch (dataflow) {
      case WS -> new SystolicMapping(dataflow, rows, cols, k, n, m);
      case OS -> new SystolicMapping(dataflow, rows, cols, m, n, k);
      case IS -> new SystolicMapping(dataflow, rows, cols, k, m, n);
    };
  }

  public long rowFolds() {
    return ceilDiv(sr, rows);
  }

  public long colFolds() {
    return ceilDiv(sc, cols);
  }

  public long folds() {
    return rowFolds() * colFolds();
  }

  /** Rows of the array used by row fold {@code fr} (the last one may be partial). */
  public long rowsUsed(long fr) {
    return Math.min(rows, sr - fr * rows);
  }

  /** Columns of the array used by column fold {@code fc}. */
  public long colsUsed(long fc) {
    return Math.min(cols, sc - fc * cols);
  }
}
