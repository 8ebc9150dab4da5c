package dev.tritium.mapper.sim;

import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.engine.Engine;
import dev.tritium.simulator.engine.EngineOptions;
import dev.tritium.simulator.engine.FunctionalValueSemantics;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.engine.ValueSemantics;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.memory.MachineState;
import dev.tritium.simulator.stats.SimulationStats;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Runs a program on the event-driven engine with the simulator's {@link FunctionalValueSemantics}:
 * functional mode executes every instruction on a {@link MachineState}, counts every action and tells a
 * {@code zero_skip: cycles} array which weight blocks are zero; timing-only mode applies CFG writes and
 * counts the value-independent actions (no zero blocks known, nothing skipped).
 */
public final class SimulationRunner {

  private final ArchConfig arch;
  private final IsaTarget target;
  private final boolean forceSerial;

  public SimulationRunner(ArchConfig arch) {
    this(arch, false);
  }

  private SimulationRunner(ArchConfig arch, boolean forceSerial) {
    this.arch = Objects.requireNonNull(arch, "arch");
    this.target = Machine.isaTarget(arch);
    this.forceSerial = forceSerial;
  }

  /** The same runner with the engine's force-serial switch (no overlap between queues, for debugging). */
  public SimulationRunner withForceSerial(boolean serial) {
    return new SimulationRunner(arch, serial);
  }

  public ArchConfig arch() {
    return arch;
  }

  public IsaTarget target() {
    return target;
  }

  /** A fresh machine state for this target (empty SRAM, empty DRAM image). */
  public MachineState newState() {
    return new MachineState(target);
  }

  /** Timing-only run: cycles and the value-independent counts. */
  public SimulationResult timingOnly(List<Instruction> program) {
    ActionCounters counters = new ActionCounters();
    return run(program, FunctionalValueSemantics.counting(newState(), counters), counters);
  }

  /** Functional run on {@code state}: values, exact counts and timing. */
  public SimulationResult functional(List<Instruction> program, MachineState state) {
    return functional(program, state, UnaryOperator.identity());
  }

  /**
   * Functional run whose value semantics are wrapped by {@code wrap} (probes that observe the state
   * while the program runs, or fault injection in the mutation tests). The wrapper executes; the zero
   * weights a {@code zero_skip: cycles} array skips still come from the functional model.
   */
  public SimulationResult functional(List<Instruction> program, MachineState state,
      UnaryOperator<ValueSemantics> wrap) {
    ActionCounters counters = new ActionCounters();
    FunctionalValueSemantics base = FunctionalValueSemantics.functional(state, counters);
    return run(program, base.executedBy(wrap.apply(base)), counters);
  }

  private SimulationResult run(List<Instruction> program, ValueSemantics values, ActionCounters counters) {
    Engine engine = new Engine(Machine.of(arch),
        EngineOptions.timingOnly().withValues(values).withForceSerial(forceSerial));
    SimulationStats stats = engine.run(program);
    return new SimulationResult(stats, counters.snapshot());
  }
}
