package dev.tritium.simulator.units;

import dev.tritium.simulator.config.Dataflow;
import dev.tritium.simulator.config.ZeroSkip;

/**
 * The R x C ternary MAC array: each processing element adds, subtracts or skips an int8 operand into
 * its accumulator. A tile m x n x k is folded onto the array (see {@link Dataflow} for Sr, Sc, T):
 *
 * <pre>
 *   folds          = ceil(Sr / R) * ceil(Sc / C)
 *   cycles_per_fold = 2R + C + T - 2
 *   cycles         = folds * cycles_per_fold
 * </pre>
 *
 * Per fold: R cycles to fill the stationary operand (shifted in one row per cycle), then T streamed
 * vectors that enter with a one-cycle skew per row and leave with a one-cycle skew per column
 * (T + R + C - 2 cycles until the last result has drained). The skew always crosses the physical
 * array, so partial folds (Sr < R or Sc < C) cost as much as full ones and only lose utilisation;
 * this is SCALE-Sim's per-fold cost, so native and compatible figures agree per tile.
 *
 * <p>Zero-skip: when the arch says zero_skip affects cycles, WS drops folds whose weight block is all
 * zero, and OS/IS drop one cycle per all-zero streamed weight vector ({@link ZeroSkipWork}); otherwise
 * zeros save energy only (counted by the functional side) and the cycles are unchanged.
 *
 * <p>Int8 mode (GEMM.I8, attention's activation x activation products): the same array, bit-serial on
 * the streamed operand. An add/subtract PE multiplies by shift-and-add over the 8 two's-complement bit
 * planes of the streamed operand (the sign plane subtracts), so T becomes 8T.
 */
public final class TernaryMacArray {

  /** Bit planes of an int8 operand streamed bit-serially in int8 mode. */
  public static final int INT8_BIT_PLANES = 8;

  private final int rows;
  private final int cols;
  private final Dataflow dataflow;
  private final ZeroSkip zeroSkip;

  public TernaryMacArray(int rows, int cols, Dataflow dataflow, ZeroSkip zeroSkip) {
    DramChannel.require(rows > 0 && cols > 0, "mac array rows and cols must be > 0");
    this.rows = rows;
    this.cols = cols;
    this.dataflow = dataflow;
    this.zeroSkip = zeroSkip;
  }

  /** Ternary tile timing. */
  public ArrayTiming ternaryTile(long m, long n, long k, ZeroSkipWork skip) {
    return tile(m, n, k, 1, skip);
  }

  /** Int8 x int8 tile timing (bit-serial streamed operand, no zero-skip). */
  public ArrayTiming int8Tile(long m, long n, long k) {
    return tile(m, n, k, INT8_BIT_PLANES, ZeroSkipWork.NONE);
  }

  private ArrayTiming tile(long m, long n, long k, int temporalFactor, ZeroSkipWork skip) {
    DramChannel.require(m > 0 && n > 0 && k > 0, "tile m, n, k must be > 0, got " + m + "x" + n + "x" + k);
    long sr = dataflow == Dataflow.OS ? m : k;
    long sc = dataflow == Dataflow.IS ? m : n;
    long t = temporalFactor * switch (dataflow) {
      case WS -> m;
      case OS -> k;
      case IS -> n;
    };
    long folds = IntMath.ceilDiv(sr, rows) * IntMath.ceilDiv(sc, cols);
    long perFold = 2L * rows + cols + t - 2;
    long cycles = folds * perFold;
    long runFolds = folds;
    if (zeroSkip == ZeroSkip.CYCLES) {
      DramChannel.require(
          skip.skippedFolds() <= folds && skip.skippedStreamSteps() <= folds * t,
          "zero-skip counts exceed the tile's folds/steps");
      if (dataflow == Dataflow.WS) {
        runFolds = folds - skip.skippedFolds();
        cycles = runFolds * perFold;
      } else {
        cycles -= skip.skippedStreamSteps();
      }
    }
    long macs = m * n * k;
    return new ArrayTiming(folds, runFolds, perFold, cycles, macs);
  }

  /** Fraction of PE-cycles doing useful MACs for a ternary tile (no zero-skip). */
  public double utilization(ArrayTiming timing) {
    return timing.cycles() == 0 ? 0 : (double) timing.macs() / ((double) timing.cycles() * rows * cols);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public Dataflow dataflow() {
    return dataflow;
  }

  public ZeroSkip zeroSkip() {
    return zeroSkip;
  }
}
