package dev.tritium.isa.loop;

import dev.tritium.isa.Instruction;

/**
 * An explicit instruction as the machine issues it, with where it came from: {@code sourceIndex} is
 * its index in the program; {@code expansionOrdinal} is its position within a LOOP.GEMM expansion,
 * or -1 when it was written in the program itself.
 */
public record ExpandedInstruction(Instruction instruction, int sourceIndex, long expansionOrdinal) {

  public boolean fromMacro() {
    return expansionOrdinal >= 0;
  }

  /** Human location: {@code #12 GEMM.T} or {@code #12 LOOP.GEMM[+5 GEMM.T]}. */
  public String label() {
    return fromMacro()
        ? "#" + sourceIndex + " LOOP.GEMM[+" + expansionOrdinal + " " + instruction.mnemonic() + "]"
        : "#" + sourceIndex + " " + instruction.mnemonic();
  }
}
