package dev.tritium.simulator.unit.sram;

/**
 * What one buffer saw during a run: bytes read and written (compute operands and DMA), cycles its ports were
 * reserved, cycles accesses waited for them (port conflicts), and cycles lost to bank conflicts. Kept by the
 * buffer itself (a fresh set per machine); the engine reports them in {@code stats.BufferStats}.
 */
public final class BufferCounters {

  private long bytesRead;
  private long bytesWritten;
  private long portBusyCycles;
  private long portConflictCycles;
  private long bankConflictCycles;

  public void read(long bytes) {
    bytesRead += bytes;
  }

  public void written(long bytes) {
    bytesWritten += bytes;
  }

  /** An access that held the ports for {@code cycles} after waiting {@code waited} cycles for them. */
  public void ports(long cycles, long waited) {
    portBusyCycles += cycles;
    portConflictCycles += waited;
  }

  public void bankConflicts(long cycles) {
    bankConflictCycles += cycles;
  }

  public long bytesRead() {
    return bytesRead;
  }

  public long bytesWritten() {
    return bytesWritten;
  }

  public long portBusyCycles() {
    return portBusyCycles;
  }

  public long portConflictCycles() {
    return portConflictCycles;
  }

  public long bankConflictCycles() {
    return bankConflictCycles;
  }
}
