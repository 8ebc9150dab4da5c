package dev.tritium.isa;

/**
 * LOOP.BOUNDS: second LOOP.GEMM configuration: the whole product (M tokens, N outputs, K inputs),
 * the weight tile (tileN x tileK), the unit and the weight packing. Carries no dependency flags.
 */
public record LoopBounds(Deps deps, int m, int n, int k, int tileN, int tileK, ComputeUnit unit,
    Packing packing) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitLoopBounds(this);
  }

  public LoopBounds {
    java.util.Objects.requireNonNull(deps, "deps");
    java.util.Objects.requireNonNull(unit, "unit");
    java.util.Objects.requireNonNull(packing, "packing");
  }

  @Override
  public Opcode opcode() {
    return Opcode.LOOP_BOUNDS;
  }

  @Override
  public LoopBounds withDeps(Deps d) {
    return new LoopBounds(d, m, n, k, tileN, tileK, unit, packing);
  }
}
