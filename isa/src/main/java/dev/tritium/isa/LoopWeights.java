package dev.tritium.isa;

/**
 * LOOP.WEIGHTS: first LOOP.GEMM configuration (dispatcher registers): the weight matrix in DRAM,
 * row-major [N][packedRowBytes(K)] rows {@code dramRowStrideBytes} apart, and the two WGT
 * double-buffer slots. Carries no dependency flags.
 */
public record LoopWeights(Deps deps, long dramAddr, long dramRowStrideBytes, long slot0Addr,
    long slot1Addr) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitLoopWeights(this);
  }

  public LoopWeights {
    java.util.Objects.requireNonNull(deps, "deps");
  }

  @Override
  public Opcode opcode() {
    return Opcode.LOOP_WEIGHTS;
  }

  @Override
  public LoopWeights withDeps(Deps d) {
    return new LoopWeights(d, dramAddr, dramRowStrideBytes, slot0Addr, slot1Addr);
  }
}
