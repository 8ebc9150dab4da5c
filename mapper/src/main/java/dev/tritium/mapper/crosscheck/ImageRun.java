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
}
