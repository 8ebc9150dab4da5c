package dev.tritium.simulator.engine;

import dev.tritium.isa.Finish;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.loop.ExpandedInstruction;
import dev.tritium.isa.loop.LoopExpander;
import java.util.Iterator;
import java.util.List;

/**
 * The dispatcher's view of a program: instructions in program order, LOOP.GEMM macros expanded lazily
 * by the isa module's {@link LoopExpander#stream} (which also consumes LOOP.WEIGHTS / LOOP.BOUNDS as
 * dispatcher registers), ending at FINISH. Holds one instruction of look-ahead: memory does not grow
 * with the expanded length.
 */
final class ProgramStream {

  private final Iterator<ExpandedInstruction> expanded;
  private final int programSize;
  private long sequence;
  private SourcedInstruction peeked;
  private boolean finished;

  ProgramStream(List<Instruction> program) {
    this.programSize = program.size();
    try {
      this.expanded = LoopExpander.stream(program);
    } catch (IllegalArgumentException e) {
      throw new SimulationException(e.getMessage());
    }
  }

  /** The next instruction to dispatch (not consumed), or null once FINISH is reached. */
  SourcedInstruction peek() {
    if (peeked == null && !finished) {
      peeked = advance();
    }
    return peeked;
  }

  /** Consumes the instruction {@link #peek()} returned. */
  void consume() {
    peeked = null;
  }

  /** Expanded instructions handed to the dispatcher so far. */
  long dispatched() {
    return sequence - (peeked == null ? 0 : 1);
  }

  /** True once FINISH was reached and everything before it consumed. */
  boolean finished() {
    return finished && peeked == null;
  }

  private SourcedInstruction advance() {
    ExpandedInstruction e;
    try {
      if (!expanded.hasNext()) {
        throw new SimulationException("program ends after instruction #" + (programSize - 1) + " without FINISH");
      }
      e = expanded.next();
    } catch (SimulationException ex) {
      throw ex;
    } catch (IllegalArgumentException ex) {
      throw new SimulationException(ex.getMessage());
    }
    Instruction in = e.instruction();
    if (in instanceof Finish) {
      finished = true;
      return null;
    }
    return new SourcedInstruction(in, e.sourceIndex(), e.expansionOrdinal(), sequence++);
  }
}
