package dev.tritium.simulator.engine;

import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.simulator.unit.mac.ZeroWeights;

/**
 * The values side of a simulation: the engine calls {@link #execute} for every instruction (macros
 * already expanded) when it starts on its unit, in the order of start cycles (ties: load, compute,
 * store queue). Tokens order dependent instructions, so a correctly synchronised program sees the
 * same values as a serial run. {@link FunctionalValueSemantics} wires in the functional model;
 * timing-only runs use {@link #NONE}.
 */
public interface ValueSemantics {

  /** Timing-only: no values. */
  ValueSemantics NONE = instruction -> {};

  /** Applies one instruction to the machine state (SRAM, DRAM, registers). */
  void execute(Instruction instruction);

  /**
   * Which weights of this GEMM.T tile are zero, from the values now in WGT, for a MAC array whose
   * zero_skip is cycles. Called just before {@link #execute} for the same instruction, only when the
   * arch's zero_skip is cycles; the answer must not change when {@link #execute} runs.
   * Default: nothing known to be zero (no cycles skipped).
   */
  default ZeroWeights zeroWeights(GemmTernary gemm) {
    return ZeroWeights.NONE;
  }

  /**
   * These semantics' zero-weight answers with {@code execution}'s {@link #execute}: for wrappers (probes,
   * fault injection) written as lambdas, which would otherwise drop {@link #zeroWeights}.
   */
  default ValueSemantics executedBy(ValueSemantics execution) {
    ValueSemantics zeros = this;
    return new ValueSemantics() {
      @Override
      public void execute(Instruction instruction) {
        execution.execute(instruction);
      }

      @Override
      public ZeroWeights zeroWeights(GemmTernary gemm) {
        return zeros.zeroWeights(gemm);
      }
    };
  }
}
