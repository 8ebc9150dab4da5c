package dev.tritium.isa;

/**
 * STORE queue: 2-D strided DMA from a buffer to DRAM, the mirror of {@link Load}: row r copies
 * row_bytes bytes from SRAM {@code sramAddr + r * rowBytes} to DRAM {@code dramAddr + r * dramStrideBytes}.
 */
public record Store(Deps deps, Buffer buffer, long sramAddr, long dramAddr, int rows, int rowBytes,
    long dramStrideBytes) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitStore(this);
  }

  public Store {
    java.util.Objects.requireNonNull(deps, "deps");
    java.util.Objects.requireNonNull(buffer, "buffer");
  }

  @Override
  public Opcode opcode() {
    return Opcode.STORE;
  }

  @Override
  public Queue queue() {
    return Queue.STORE;
  }

  @Override
  public Store withDeps(Deps d) {
    return new Store(d, buffer, sramAddr, dramAddr, rows, rowBytes, dramStrideBytes);
  }
}
