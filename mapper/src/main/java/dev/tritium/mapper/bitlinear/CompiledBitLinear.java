package dev.tritium.mapper.bitlinear;

import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.loop.LoopExpander;
import java.util.ArrayList;
import java.util.List;

/**
 * A BitLinear compiled for one target: the instructions, where every tensor lives, and what each
 * DEQUANT produces.
 *
 * @param body the instructions without FINISH; token-balanced on its own and fenced at both ends (it
 *     starts no load before earlier compute work is done and ends after its last STORE), so bodies
 *     can be concatenated into larger programs
 * @param outputChunks the body's VEC.DEQUANT instructions in program order
 */
public record CompiledBitLinear(BitLinearShape shape, Mapping mapping, SramLayout sram, BitLinearPlacement dram,
    float weightScale, List<Instruction> body, List<OutputChunk> outputChunks) {

  public CompiledBitLinear {
    body = List.copyOf(body);
    outputChunks = List.copyOf(outputChunks);
  }

  /** The body followed by FINISH: a complete program. */
  public List<Instruction> program() {
    List<Instruction> p = new ArrayList<>(body.size() + 1);
    p.addAll(body);
    p.add(new Finish(Deps.NONE));
    return p;
  }

  /** Instructions the machine issues after LOOP.GEMM expansion (FINISH included). */
  public long expandedInstructions() {
    return LoopExpander.expandedSize(program());
  }
}
