package dev.tritium.isa;

/** SYNC: a no-op in the given queue that only carries dependency flags. */
public record Sync(Deps deps, Queue syncQueue) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitSync(this);
  }

  public Sync {
    java.util.Objects.requireNonNull(deps, "deps");
    java.util.Objects.requireNonNull(syncQueue, "syncQueue");
  }

  @Override
  public Opcode opcode() {
    return Opcode.SYNC;
  }

  @Override
  public Queue queue() {
    return syncQueue;
  }

  @Override
  public Sync withDeps(Deps d) {
    return new Sync(d, syncQueue);
  }
}
