package dev.tritium.simulator.engine;

import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.memory.MachineState;
import dev.tritium.simulator.unit.mac.ZeroWeights;
import java.util.Objects;

/**
 * The engine's values side backed by the simulator's {@link FunctionalModel}: one instance per run, on
 * one {@link MachineState}, counting into one {@link ActionCounters}. The mapper and the CLI both use
 * this class, so a run with {@code zero_skip: cycles} gets its skipped folds and streamed vectors from
 * the real weights in either.
 *
 * <p>{@link #functional} executes every instruction on the values and answers
 * {@link #zeroWeights} from the packed weights in WGT. {@link #counting} is timing-only: it applies
 * CFG writes and counts the value-independent actions; with no weight values it knows no zero blocks,
 * so a {@code zero_skip: cycles} array skips nothing (see simulator/README.md on why this is the
 * expected skip for real weights).
 */
public final class FunctionalValueSemantics implements ValueSemantics {

  private final FunctionalModel model = new FunctionalModel();
  private final MachineState state;
  private final ActionCounters counters;
  private final boolean values;

  private FunctionalValueSemantics(MachineState state, ActionCounters counters, boolean values) {
    this.state = Objects.requireNonNull(state, "state");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.values = values;
  }

  /** Values, exact counts, and zero weights from WGT. */
  public static FunctionalValueSemantics functional(MachineState state, ActionCounters counters) {
    return new FunctionalValueSemantics(state, counters, true);
  }

  /** Timing-only: CFG writes and value-independent counts, no zero weights known. */
  public static FunctionalValueSemantics counting(MachineState state, ActionCounters counters) {
    return new FunctionalValueSemantics(state, counters, false);
  }

  @Override
  public void execute(Instruction instruction) {
    if (values) {
      model.execute(instruction, state, counters);
    } else {
      model.count(instruction, state, counters);
    }
  }

  @Override
  public ZeroWeights zeroWeights(GemmTernary gemm) {
    return values ? model.zeroWeights(gemm, state) : ZeroWeights.NONE;
  }
}
