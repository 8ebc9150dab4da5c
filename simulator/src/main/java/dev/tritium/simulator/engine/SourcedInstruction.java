package dev.tritium.simulator.engine;

import dev.tritium.isa.Instruction;

/**
 * An instruction as the machine runs it, with where it came from.
 *
 * @param instruction the instruction (never a macro)
 * @param programIndex index of the program instruction it is or was expanded from
 * @param expansionIndex position within the macro's expansion, or -1 for a plain instruction
 * @param sequence dispatch order over the whole run (0, 1, 2...)
 */
public record SourcedInstruction(
    Instruction instruction, long programIndex, long expansionIndex, long sequence) {

  /** "#12" for a plain instruction, "#12.5" for the sixth instruction expanded from macro #12. */
  public String where() {
    return expansionIndex < 0 ? "#" + programIndex : "#" + programIndex + "." + expansionIndex;
  }

  /** e.g. {@code compute #12 LUT.GEMM}. */
  public String describe() {
    return instruction.queue().label() + " " + where() + " " + instruction.mnemonic();
  }
}
