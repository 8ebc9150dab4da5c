package dev.tritium.simulator.engine;

import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.simulator.units.ZeroSkipWork;

/**
 * The values side of a simulation: the engine calls {@link #execute} for every instruction (macros
 * already expanded) when it starts on its unit, in the order of start cycles (ties: load, compute,
 * store queue). Tokens order dependent instructions, so a correctly synchronised program sees the
 * same values as a serial run. The functional model implements this; timing-only runs use {@link #NONE}.
 */
public interface ValueSemantics {

  /** Timing-only: no values. */
  ValueSemantics NONE = instruction -> {};

  /** Applies one instruction to the machine state (SRAM, DRAM, registers). */
  void execute(Instruction instruction);

  /**
   * Work a zero-skipping MAC array can drop for this tile, from the weight values now in WGT. Called
   * before {@link #execute} for the same instruction, only when the arch's zero_skip is cycles.
   */
  default ZeroSkipWork zeroSkip(GemmTernary gemm) {
    return ZeroSkipWork.NONE;
  }
}
