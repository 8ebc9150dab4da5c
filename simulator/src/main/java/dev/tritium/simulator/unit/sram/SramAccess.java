package dev.tritium.simulator.unit.sram;

/**
 * One access's cost on an SRAM buffer's ports.
 *
 * @param bytes bytes moved
 * @param cycles port cycles the access occupies the (ganged) ports
 * @param bankConflictCycles cycles beyond the conflict-free ceil(words / ports)
 */
public record SramAccess(long bytes, long cycles, long bankConflictCycles) {}
