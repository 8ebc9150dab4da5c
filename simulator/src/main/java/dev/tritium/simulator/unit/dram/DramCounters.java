package dev.tritium.simulator.unit.dram;

/**
 * What the DRAM channel moved during a run: transfers, useful bytes each way, bytes on the bus in whole bursts and
 * the bus cycles they took. Kept by the channel (a fresh one per machine); the engine reports them in
 * {@code stats.DramStats}.
 */
public final class DramCounters {

  private long transfers;
  private long bytesRead;
  private long bytesWritten;
  private long busBytes;
  private long busCycles;

  /** One DMA transfer: {@code useful} bytes read from DRAM ({@code read}) or written to it. */
  public void transfer(boolean read, DramTransfer t) {
    transfers++;
    if (read) {
      bytesRead += t.usefulBytes();
    } else {
      bytesWritten += t.usefulBytes();
    }
    busBytes += t.busBytes();
    busCycles += t.dataCycles();
  }

  public long transfers() {
    return transfers;
  }

  public long bytesRead() {
    return bytesRead;
  }

  public long bytesWritten() {
    return bytesWritten;
  }

  public long busBytes() {
    return busBytes;
  }

  public long busCycles() {
    return busCycles;
  }
}
