package dev.tritium.isa;

/**
 * LOOP.GEMM macro: a whole tiled BitLinear weight stream, {@code ACC[M][N] (+)= W[N][K] . ACT[M][K]},
 * per the last LOOP.WEIGHTS and LOOP.BOUNDS. Expanded by {@link dev.tritium.isa.loop.LoopExpander}
 * (README: exact order, slots and tokens). waitSlots: the first min(T,S) weight loads also pop
 * compute-&gt;load tokens left by an earlier loop; freeSlots: the last min(T,S) tile ops push them, where S is
 * the number of weight slots (2, or 1 when LOOP.WEIGHTS names the same address twice).
 */
public record LoopGemm(Deps deps, long actAddr, long accAddr, long lutAddr, boolean accumulate,
    boolean waitSlots, boolean freeSlots) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitLoopGemm(this);
  }

  public LoopGemm {
    java.util.Objects.requireNonNull(deps, "deps");
  }

  @Override
  public Opcode opcode() {
    return Opcode.LOOP_GEMM;
  }

  @Override
  public LoopGemm withDeps(Deps d) {
    return new LoopGemm(d, actAddr, accAddr, lutAddr, accumulate, waitSlots, freeSlots);
  }
}
