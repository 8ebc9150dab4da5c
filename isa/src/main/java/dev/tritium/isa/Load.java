package dev.tritium.isa;

/**
 * LOAD queue: 2-D strided DMA from DRAM into a buffer. Row r (0 &lt;= r &lt; rows) copies row_bytes bytes
 * from DRAM {@code dramAddr + r * dramStrideBytes} to SRAM {@code sramAddr + r * rowBytes} (the SRAM
 * side is contiguous). A stride of 0 broadcasts one DRAM row.
 */
public record Load(Deps deps, Buffer buffer, long sramAddr, long dramAddr, int rows, int rowBytes,
    long dramStrideBytes) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitLoad(this);
  }

  public Load {
    java.util.Objects.requireNonNull(deps, "deps");
    java.util.Objects.requireNonNull(buffer, "buffer");
  }

  @Override
  public Opcode opcode() {
    return Opcode.LOAD;
  }

  @Override
  public Queue queue() {
    return Queue.LOAD;
  }

  @Override
  public Load withDeps(Deps d) {
    return new Load(d, buffer, sramAddr, dramAddr, rows, rowBytes, dramStrideBytes);
  }
}
