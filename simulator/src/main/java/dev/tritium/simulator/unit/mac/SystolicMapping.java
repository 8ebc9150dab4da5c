package dev.tritium.simulator.unit.mac;

import static dev.tritium.common.IntMath.ceilDiv;

/**
 * How a GEMM of M rows (tokens, or ofmap pixels), reduction K (window) and N outputs (filters) maps onto an
 * R x C systolic array for one dataflow: the spatial rows {@code Sr} and columns {@code Sc} of the operand
 * that is folded over the array, and the temporal length {@code T} that streams through each fold. The one
 * fold mapping of the kit: the MAC array's timing, its SRAM operand traffic and the SCALE-Sim mode use it.
 *
 * <pre>
 *   ws: Sr = K, Sc = N, T = M      os: Sr = M, Sc = N, T = K      is: Sr = K, Sc = M, T = N
 * </pre>
 *
 * Folds: {@code ceil(Sr / R)} row folds times {@code ceil(Sc / C)} column folds.
 */
public record SystolicMapping(Dataflow dataflow, int rows, int cols, long sr, long sc, long t) {

  /** The mapping of an M x K by K x N GEMM on a {@code rows x cols} array. */
  public static SystolicMapping of(long m, long n, long k, int rows, int cols, Dataflow dataflow) {
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
    return Math.multiplyExact(rowFolds(), colFolds());
  }

  /** Rows of the array used by row fold {@code fr} (the last one may be partial). */
  public long rowsUsed(long fr) {
    return Math.min(rows, sr - fr * rows);
  }

  /** Columns of the array used by column fold {@code fc}. */
  public long colsUsed(long fc) {
    return Math.min(cols, sc - fc * cols);
  }

  /**
   * Reads of the stationary weight operand from its buffer: once for WS (it stays in the PEs), once per fold
   * of token rows for OS (Sr = M) and IS (Sc = M), since those refetch the weights for every token fold.
   */
  public long weightReads() {
    return switch (dataflow) {
      case WS -> 1;
      case OS -> rowFolds();
      case IS -> colFolds();
    };
  }

  /** Reads of the activation operand: once for IS (it is stationary), else once per column fold of N. */
  public long activationReads() {
    return dataflow == Dataflow.IS ? 1 : colFolds();
  }

  /** Read-modify-write sweeps over the accumulators: one for OS (outputs stay in the PEs), else per row fold. */
  public long accumulatorPasses() {
    return dataflow == Dataflow.OS ? 1 : rowFolds();
  }
}
