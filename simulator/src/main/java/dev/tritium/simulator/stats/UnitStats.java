package dev.tritium.simulator.stats;

/**
 * Where every cycle of one unit went. busy + wait_data + wait_token + idle = the run's total cycles.
 *
 * @param unit unit name ({@code dma_load}, {@code mac_array}, {@code lut_core}, {@code vector_unit},
 *     {@code dma_store})
 * @param instructions instructions the unit executed
 * @param busyCycles cycles doing its work (compute; for DMA: descriptor processing and moving data)
 * @param waitDataCycles cycles inside an instruction waiting for memory: DRAM latency, the DRAM bus
 *     held by the other DMA engine, SRAM ports held by another access, operands slower than compute
 * @param waitTokenCycles cycles its queue's head (an instruction for this unit, or a SYNC/CFG) was
 *     blocked on a dependency token (or on the previous instruction, in force-serial mode)
 * @param idleCycles everything else: nothing for this unit at the head of its queue
 */
public record UnitStats(
    String unit,
    long instructions,
    long busyCycles,
    long waitDataCycles,
    long waitTokenCycles,
    long idleCycles) {

  /** Sum of the four causes. */
  public long accountedCycles() {
    return busyCycles + waitDataCycles + waitTokenCycles + idleCycles;
  }

  /** busy / accounted cycles (0 for an empty run). */
  public double utilization() {
    long total = accountedCycles();
    return total == 0 ? 0 : (double) busyCycles / total;
  }
}
