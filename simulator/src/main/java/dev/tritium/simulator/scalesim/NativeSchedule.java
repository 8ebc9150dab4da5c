package dev.tritium.simulator.scalesim;

import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.simulator.unit.mac.FoldPipeline;
import dev.tritium.simulator.unit.mac.SystolicMapping;

/**
 * Tritium's native systolic schedule, reported next to SCALE-Sim's fold-serialised one.
 *
 * <p>SCALE-Sim runs folds back to back, and every fold pays its own stationary-tile load (R cycles,
 * ws/is) and its own fill and drain skew (R + C - 2 cycles). The native schedule double-buffers the
 * stationary operand: while fold f streams its T vectors, fold f+1's tile shifts into shadow registers
 * (R cycles, one row per cycle), and fold f+1's wavefront follows fold f's without a gap. A fold
 * therefore occupies the array's input edge for {@code max(T, R)} cycles; only the first tile load and
 * the last fold's fill/drain are exposed:
 *
 * <pre>
 *   ws, is: cycles = R + (folds - 1) max(T, R) + (T + R + C - 2)
 *   os:     cycles =     (folds - 1) max(T, R) + (T + R + C - 2)   (accumulator drain double-buffered)
 * </pre>
 *
 * reported minus one, in SCALE-Sim's "index of the last cycle" convention. The formula is
 * {@link FoldPipeline}'s, shared with the MAC array's {@code stationary_double_buffer} mode (which
 * exposes R for os too: the array charges os an R-cycle accumulator shift-out per fold). With one fold
 * it equals SCALE-Sim; with more it is never larger (SCALE-Sim's per-fold lines are at least {@code max(T, R)}).
 * Like the compatible mode it assumes the memory system never stalls.
 */
public final class NativeSchedule {

  private NativeSchedule() {}

  /** Native total cycles (last-cycle index) for a mapping. */
  public static long totalCycles(SystolicMapping map) {
    long preload = map.dataflow() == Dataflow.OS ? 0 : map.rows();
    return FoldPipeline.cycles(preload, map.rows(), map.cols(), map.folds(), map.t()) - 1;
  }
}
