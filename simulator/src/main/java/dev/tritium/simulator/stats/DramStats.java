package dev.tritium.simulator.stats;

/**
 * The DRAM channel.
 *
 * @param transfers DMA transfers (LOAD + STORE instructions)
 * @param bytesRead useful bytes loaded (rows * row_bytes)
 * @param bytesWritten useful bytes stored
 * @param busBytes bytes actually moved on the bus (whole bursts)
 * @param busBusyCycles cycles the bus was moving data
 * @param achievedGBps useful bytes / simulated time, GB/s (10^9 bytes per second)
 * @param burstEfficiency useful bytes / bus bytes (1 when nothing moved)
 */
public record DramStats(
    long transfers,
    long bytesRead,
    long bytesWritten,
    long busBytes,
    long busBusyCycles,
    double achievedGBps,
    double burstEfficiency) {}
