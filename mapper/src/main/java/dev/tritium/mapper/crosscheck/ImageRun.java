package dev.tritium.mapper.crosscheck;

import dev.tritium.isa.Instruction;
import dev.tritium.mapper.program.DramSegment;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.simulator.memory.MachineState;
import java.util.List;
import java.util.Optional;

/**
 * A standalone layer's program run on the simulator's functional model: its DRAM segments and fp32 input written to a
 * fresh machine, the program run to FINISH. The cross-checks of the formats' projections share it.
 *
 * @param state the machine after the run (its DRAM holds the outputs)
 * @param result the counts and cycles
 */
public record ImageRun(MachineState state, SimulationResult result) {

  /**
   * Runs {@code program} on a machine holding {@code segments} and x at {@code inputAddr}; empty, with a FAIL row
   * naming the simulator's error added to {@code rows}, when the run stops early.
   */
  public static Optional<ImageRun> of(SimulationRunner runner, List<Instruction> program, List<DramSegment> segments,
      long inputAddr, float[] x, List<CheckRow> rows) {
    MachineState state = runner.newState();
    for (DramSegment s : segments) {
      state.dram().write(s.addr(), s.bytes());
    }
    state.dram().writeFp32s(inputAddr, x);
    try {
      return Optional.of(new ImageRun(state, runner.functional(program, state)));
    } catch (RuntimeException e) {
      rows.add(new CheckRow("simulation runs to FINISH", "completes", e.getMessage(), Verdict.FAIL));
      return Optional.empty();
    }
  }

  /**
   * The standalone projection check every format's cross-check makes: the program run on its DRAM image and x, its
   * y [tokens][n] at {@code outputAddr} bit-exact to {@code golden} (the format's own apply, never the simulator),
   * then the format's count rows ({@code counts}) and the simulated cycles.
   */
  public static CrossCheckReport check(SimulationRunner runner, String title, List<Instruction> program,
      List<DramSegment> segments, long inputAddr, long outputAddr, float[] x, float[] golden, int tokens, int n,
      java.util.function.BiConsumer<List<CheckRow>, SimulationResult> counts) {
    List<CheckRow> rows = new java.util.ArrayList<>();
    Optional<ImageRun> run = of(runner, program, segments, inputAddr, x, rows);
    if (run.isEmpty()) {
      return new CrossCheckReport(title, rows);
    }
    SimulationResult sim = run.get().result();
    float[] y = run.get().state().dram().readFp32s(outputAddr, tokens * n);
    rows.add(CheckRow.bitExact("outputs y (fp32 bits)", "bit-exact to the format's apply", golden, y, n));
    counts.accept(rows, sim);
    rows.add(CheckRow.info("simulated cycles", "-", sim.cycles() + String.format(java.util.Locale.ROOT, " (%.2f us)",
        sim.latencyUs())));
    return new CrossCheckReport(title, rows);
  }
}
