package dev.tritium.simulator.stats;

/**
 * One on-chip SRAM buffer.
 *
 * @param buffer ISA buffer name (WGT, ACT, ACC, LUT, VEC)
 * @param bytesRead bytes read by compute units and the store DMA (operands re-read per fold counted
 *     each time)
 * @param bytesWritten bytes written by compute units and the load DMA
 * @param portBusyCycles cycles the buffer's (ganged) ports were reserved
 * @param portConflictCycles cycles accesses waited because another access held the ports
 * @param bankConflictCycles extra port cycles of strided accesses whose rows fell into the same bank
 */
public record BufferStats(
    String buffer,
    long bytesRead,
    long bytesWritten,
    long portBusyCycles,
    long portConflictCycles,
    long bankConflictCycles) {}
