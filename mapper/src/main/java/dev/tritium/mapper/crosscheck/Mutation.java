package dev.tritium.mapper.crosscheck;

import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopWeights;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A deliberate fault for the mutation tests: each must turn the cross-check to FAIL. Faults on the
 * simulator side change its memory, its program or a value it computed; {@link GoldenValue} changes
 * the reference side.
 */
public sealed interface Mutation {

  /** Short description for reports. */
  String describe();

  /** No fault. */
  record None() implements Mutation {
    @Override
    public String describe() {
      return "none";
    }
  }

  /** Negates weight (row, col) (0 becomes +1) in the packed weights written to the DRAM image. */
  record DramWeight(int row, int col) implements Mutation {
    @Override
    public String describe() {
      return "DRAM packed weight (" + row + ", " + col + ") negated";
    }
  }

  /** Negates the first nonzero weight of the first weight tile in its WGT slot, right after its LOAD. */
  record WgtSramWeight() implements Mutation {
    @Override
    public String describe() {
      return "WGT SRAM weight of tile 0 negated after its LOAD";
    }
  }

  /** Adds one to entry 0 of the first table the first LUT.BUILD writes, right after that build (LUT unit only). */
  record LutTableEntry() implements Mutation {
    @Override
    public String describe() {
      return "LUT table entry 0 of the first LUT.BUILD plus one";
    }
  }

  /** Multiplies the first token's activation scale s_x in VEC by (1 + 2^-20) right after VEC.QUANT. */
  record ActivationScale() implements Mutation {
    @Override
    public String describe() {
      return "VEC s_x of token 0 perturbed after VEC.QUANT";
    }
  }

  /** Replaces the first program instruction matching {@code which} with {@code edit} of it. */
  record InstructionField(String description, Predicate<Instruction> which, UnaryOperator<Instruction> edit)
      implements Mutation {
    @Override
    public String describe() {
      return description;
    }

    /** The program with the edit applied (throws when no instruction matches). */
    public List<Instruction> apply(List<Instruction> program) {
      for (int i = 0; i < program.size(); i++) {
        if (which.test(program.get(i))) {
          List<Instruction> out = new java.util.ArrayList<>(program);
          out.set(i, edit.apply(program.get(i)));
          return out;
        }
      }
      throw new IllegalArgumentException("no instruction to mutate for: " + description);
    }

    /** The s_w immediate of CFG DEQUANT_WEIGHT_SCALE multiplied by (1 + 2^-20). */
    public static InstructionField weightScaleImmediate() {
      return new InstructionField("CFG DEQUANT_WEIGHT_SCALE immediate perturbed",
          i -> i instanceof Cfg c && c.reg() == CfgReg.DEQUANT_WEIGHT_SCALE,
          i -> Cfg.ofFloat(i.deps(), CfgReg.DEQUANT_WEIGHT_SCALE, ((Cfg) i).floatValue() * (1 + 0x1p-20f)));
    }

    /** The first LOOP.WEIGHTS starts one weight row later in DRAM. */
    public static InstructionField weightAddress() {
      return new InstructionField("LOOP.WEIGHTS dram_addr moved by one row",
          i -> i instanceof LoopWeights,
          i -> {
            LoopWeights w = (LoopWeights) i;
            return new LoopWeights(w.deps(), w.dramAddr() + w.dramRowStrideBytes(), w.dramRowStrideBytes(),
                w.slot0Addr(), w.slot1Addr());
          });
    }

    /** The first LOOP.BOUNDS covers {@code delta} fewer K columns. */
    public static InstructionField loopK(int delta) {
      return new InstructionField("LOOP.BOUNDS k reduced by " + delta,
          i -> i instanceof LoopBounds,
          i -> {
            LoopBounds b = (LoopBounds) i;
            return new LoopBounds(b.deps(), b.m(), b.n(), b.k() - delta, b.tileN(), Math.min(b.tileK(), b.k() - delta),
                b.unit(), b.packing());
          });
    }
  }

  /** Changes one golden (reference) value: accumulator 0 plus one, or output 0 one ulp up. */
  record GoldenValue(boolean output) implements Mutation {
    @Override
    public String describe() {
      return output ? "golden output 0 one ulp up" : "golden accumulator 0 plus one";
    }
  }
}
