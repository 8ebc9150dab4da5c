package dev.tritium.simulator.unit.lut;

/**
 * One LUT.GEMM.
 *
 * @param lookups table lookups (= accumulate adds)
 * @param tableBroadcasts table reads from the LUT buffer, each feeding up to table_sharing_rows lanes
 * @param cycles compute cycles
 */
public record LutGemmTiming(long lookups, long tableBroadcasts, long cycles) {}
