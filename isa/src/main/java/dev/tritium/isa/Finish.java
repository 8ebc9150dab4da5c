package dev.tritium.isa;

/**
 * FINISH: end of program (compute queue). The machine is done when all queues have drained past it;
 * every token counter must then be zero.
 */
public record Finish(Deps deps) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitFinish(this);
  }

  public Finish {
    java.util.Objects.requireNonNull(deps, "deps");
  }

  @Override
  public Opcode opcode() {
    return Opcode.FINISH;
  }

  @Override
  public Finish withDeps(Deps d) {
    return new Finish(d);
  }
}
