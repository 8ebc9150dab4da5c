package dev.tritium.simulator.unit.mac;

/**
 * The double-buffered systolic schedule: while fold f streams its T vectors, fold f+1's stationary
 * operand shifts into shadow registers (R cycles, one row per cycle), and fold f+1's wavefront follows
 * fold f's without a gap once both are ready. Fold f+1 therefore starts {@code max(T_f, R)} cycles
 * after fold f, and only the first load and the last fold's skew are exposed:
 *
 * <pre>
 *   cycles = L + sum_{f < F-1} max(T_f, R) + (T_last + R + C - 2)
 *          = L + (F - 1) max(T, R) + (T + R + C - 2)        (all folds stream T vectors)
 * </pre>
 *
 * L is the exposed load: R for the MAC array (the first stationary tile in WS/IS; in OS, where the
 * array charges R per fold for the accumulator shift-out, the last fold's shift-out) and SCALE-Sim's
 * own per-fold extra in the side-by-side native report ({@code NativeSchedule}: R for ws/is, 0 for os).
 * With one fold this is exactly the fold-serialised cost {@code L + T + R + C - 2}; with more it is never
 * larger, because each serialised fold costs at least {@code max(T, R)} more than the overlapped one.
 */
public final class FoldPipeline {

  private FoldPipeline() {}

  /** Start-to-start distance of two consecutive folds: the next one's load hides under this one's stream. */
  public static long slot(long t, long rows) {
    return Math.max(t, rows);
  }

  /** The last fold, from its first vector entering to its last result leaving: skew across R rows and C columns. */
  public static long lastFold(long t, long rows, long cols) {
    return Math.addExact(t, rows + cols - 2);
  }

  /** Cycles of {@code folds} folds that all stream {@code t} vectors; 0 folds take 0 cycles. */
  public static long cycles(long exposedLoadCycles, long rows, long cols, long folds, long t) {
    if (folds == 0) {
      return 0;
    }
    return Math.addExact(Math.addExact(exposedLoadCycles, Math.multiplyExact(folds - 1, slot(t, rows))),
        lastFold(t, rows, cols));
  }
}
