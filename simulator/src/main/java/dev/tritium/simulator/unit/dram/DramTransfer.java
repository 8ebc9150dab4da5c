package dev.tritium.simulator.unit.dram;

/**
 * The cost of one DRAM transfer without contention.
 *
 * @param usefulBytes bytes the program asked for (rows * row_bytes)
 * @param bursts whole bursts moved on the bus
 * @param busBytes bursts * burst_bytes
 * @param latencyCycles access latency in accelerator cycles
 * @param dataCycles cycles the bus is occupied moving busBytes at peak bandwidth
 */
public record DramTransfer(
    long usefulBytes, long bursts, long busBytes, long latencyCycles, long dataCycles) {

  /** useful / bus bytes; 1.0 for an empty transfer. */
  public double burstEfficiency() {
    return busBytes == 0 ? 1.0 : (double) usefulBytes / busBytes;
  }
}
