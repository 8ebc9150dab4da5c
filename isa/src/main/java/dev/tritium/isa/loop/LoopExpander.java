package dev.tritium.isa.loop;

import dev.tritium.isa.CfgReg;
import dev.tritium.isa.ConfigRegisters;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.ComputeUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Expands LOOP.GEMM macros into explicit instructions (see {@link LoopPlan} for the exact order,
 * slots and tokens). LOOP.WEIGHTS and LOOP.BOUNDS are dispatcher configuration and do not appear in
 * the expansion; every other instruction passes through unchanged. A program without macros expands
 * to itself.
 *
 * <p>{@link #stream} is lazy and holds O(1) state per macro, so a simulator can issue millions of
 * expanded instructions without materializing them; {@link #expand} materializes (for tests and
 * small programs).
 */
public final class LoopExpander {

  private LoopExpander() {}

  /** The explicit program. Throws IllegalArgumentException naming a macro whose configuration is invalid. */
  public static List<Instruction> expand(List<? extends Instruction> program) {
    List<Instruction> out = new ArrayList<>();
    stream(program).forEachRemaining(e -> out.add(e.instruction()));
    return out;
  }

  /** Number of explicit instructions the program expands to, without building them. */
  public static long expandedSize(List<? extends Instruction> program) {
    LoopWeights weights = null;
    LoopBounds bounds = null;
    long count = 0;
    for (int i = 0; i < program.size(); i++) {
      Instruction insn = program.get(i);
      if (insn instanceof LoopWeights w) {
        weights = w;
      } else if (insn instanceof LoopBounds b) {
        bounds = b;
      } else if (insn instanceof LoopGemm g) {
        try {
          count += LoopPlan.of(weights, bounds, g, 0, 0).size();
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("#" + i + " " + e.getMessage(), e);
        }
      } else {
        count++;
      }
    }
    return count;
  }

  /** Lazily expanded program, in program order, each instruction with its origin. */
  public static Iterator<ExpandedInstruction> stream(List<? extends Instruction> program) {
    return new Stream(program);
  }

  private static final class Stream implements Iterator<ExpandedInstruction> {
    private final List<? extends Instruction> program;
    private final ConfigRegisters registers = new ConfigRegisters();
    private int sourceIndex;
    private LoopWeights weights;
    private LoopBounds bounds;
    private LoopPlan current;
    private long nextOrdinal;

    Stream(List<? extends Instruction> program) {
      this.program = program;
      skipConfig();
    }

    /** Consumes LOOP.WEIGHTS / LOOP.BOUNDS and opens macros, so hasNext() is exact. */
    private void skipConfig() {
      while (current == null && sourceIndex < program.size()) {
        Instruction insn = program.get(sourceIndex);
        if (insn instanceof LoopWeights w) {
          weights = w;
        } else if (insn instanceof LoopBounds b) {
          bounds = b;
        } else if (insn instanceof LoopGemm g) {
          try {
            CfgReg strideReg = bounds != null && bounds.unit() == ComputeUnit.LUT
                ? CfgReg.LUT_ROW_STRIDE_BYTES : CfgReg.ACT_ROW_STRIDE_BYTES;
            current = LoopPlan.of(weights, bounds, g, registers.get(strideReg),
                registers.get(CfgReg.ACC_ROW_STRIDE_BYTES));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("#" + sourceIndex + " " + e.getMessage(), e);
          }
          nextOrdinal = 0;
          return;
        } else {
          return;
        }
        sourceIndex++;
      }
    }

    @Override
    public boolean hasNext() {
      return current != null || sourceIndex < program.size();
    }

    @Override
    public ExpandedInstruction next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ExpandedInstruction e;
      if (current != null) {
        e = new ExpandedInstruction(current.instruction(nextOrdinal), sourceIndex, nextOrdinal);
        nextOrdinal++;
        if (nextOrdinal == current.size()) {
          current = null;
          sourceIndex++;
        }
      } else {
        e = new ExpandedInstruction(program.get(sourceIndex), sourceIndex, -1);
        sourceIndex++;
      }
      registers.apply(e.instruction());
      skipConfig();
      return e;
    }
  }
}
