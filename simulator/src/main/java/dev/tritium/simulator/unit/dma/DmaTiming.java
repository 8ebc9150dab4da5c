package dev.tritium.simulator.unit.dma;

import dev.tritium.simulator.unit.dram.DramTransfer;
import dev.tritium.simulator.unit.sram.SramAccess;

/**
 * One scheduled DMA transfer. busyCycles + waitDataCycles == endCycle - startCycle.
 *
 * @param startCycle cycle the engine took the transfer
 * @param endCycle cycle the last byte landed (completion; tokens are pushed here)
 * @param busyCycles descriptor overhead + data phase
 * @param waitDataCycles DRAM latency + bus wait + port wait
 * @param dramBusWaitCycles cycles waiting for the DRAM bus (held by the other engine)
 * @param portConflictCycles cycles waiting for the SRAM buffer's ports (held by another access)
 * @param dram the DRAM side's cost (no bursts, latency or bus cycles when the far side is the on-chip KV store)
 * @param sram the SRAM side's cost
 * @param kvStore whether the far side was the on-chip KV store instead of DRAM
 */
public record DmaTiming(
    long startCycle,
    long endCycle,
    long busyCycles,
    long waitDataCycles,
    long dramBusWaitCycles,
    long portConflictCycles,
    DramTransfer dram,
    SramAccess sram,
    boolean kvStore) {}
