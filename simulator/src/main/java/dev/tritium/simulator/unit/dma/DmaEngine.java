package dev.tritium.simulator.unit.dma;

import static dev.tritium.simulator.unit.Checks.require;

import dev.tritium.common.IntMath;
import dev.tritium.isa.IsaTarget;
import dev.tritium.simulator.unit.dram.DramChannel;
import dev.tritium.simulator.unit.dram.DramTransfer;
import dev.tritium.simulator.unit.sram.SramAccess;
import dev.tritium.simulator.unit.sram.SramBuffer;

/**
 * A DMA engine (the load engine or the store engine): up to {@code channels} transfers in flight,
 * taken and completed in order. A transfer started at cycle t runs
 *
 * <pre>
 *   [t, t + overhead)          descriptor processing                         busy
 *   [t + overhead, s)          DRAM latency, then waiting for the shared     wait_data
 *                              DRAM bus and the SRAM buffer's ports
 *   [s, s + max(D, S, O, P))   data phase, limited by the slowest of:         busy
 *                              D = DRAM bus cycles, S = SRAM port cycles,
 *                              O = ceil(bursts * latency / (max_outstanding * stream_ports)),
 *                              P = ceil(bytes / (stream_ports * port_width_bits / 8)) (0 without a width)
 * </pre>
 *
 * O is Little's law: a channel with max_outstanding bursts in flight on each of its stream_ports ports,
 * each answered after the DRAM latency, moves at most max_outstanding * stream_ports bursts per latency.
 *
 * where s is the first cycle >= t + overhead + latency at which the DRAM bus is free for D cycles and
 * the buffer's ports are free for S cycles. The load and store engines share the one
 * {@link DramChannel} bus, so they contend for it; the SRAM side is contiguous (row r of the
 * transfer sits at sram_addr + r * row_bytes), so it has no bank conflicts, only port conflicts with
 * other accesses to the same buffer.
 *
 * <p>A transfer whose DRAM address lies in the on-chip KV store's window ({@code IsaTarget.KV_STORE_BASE}, on a
 * design with {@code attention.kv_placement: on_chip}) never touches DRAM: after the descriptor it waits for the
 * ports of both memories and moves its bytes in max(S, K) cycles, K the KV store's port cycles for them.
 */
public final class DmaEngine {

  private final String name;
  private final long descriptorOverheadCycles;
  private final int channels;
  private final int maxOutstanding;
  private final int streamPorts;
  private final long portBytesPerCycle;
  private final DramChannel dram;
  private final SramBuffer kvStore;

  /**
   * @param channels transfers in flight at once (dma.load_channels / dma.store_channels)
   * @param maxOutstanding bursts in flight per channel (dma.max_outstanding)
   */
  public DmaEngine(String name, long descriptorOverheadCycles, int channels, int maxOutstanding,
      DramChannel dram) {
    this(name, descriptorOverheadCycles, channels, maxOutstanding, 1, 0, dram);
  }

  /**
   * @param streamPorts memory ports one transfer is striped over (dma.stream_ports)
   * @param portWidthBits bits per cycle of each port, 0 for no limit (dma.port_width_bits)
   */
  public DmaEngine(String name, long descriptorOverheadCycles, int channels, int maxOutstanding, int streamPorts,
      int portWidthBits, DramChannel dram) {
    this(name, descriptorOverheadCycles, channels, maxOutstanding, streamPorts, portWidthBits, dram, null);
  }

  /** @param kvStore the on-chip KV store both engines reach through its address window, or null when none */
  public DmaEngine(String name, long descriptorOverheadCycles, int channels, int maxOutstanding, int streamPorts,
      int portWidthBits, DramChannel dram, SramBuffer kvStore) {
    require(streamPorts >= 1, name + ": stream_ports must be >= 1, got " + streamPorts);
    require(portWidthBits >= 0 && portWidthBits % 8 == 0,
        name + ": port_width_bits must be 0 or a positive multiple of 8, got " + portWidthBits);
    require(
        descriptorOverheadCycles >= 0,
        name + ": descriptor_overhead_cycles must be >= 0, got " + descriptorOverheadCycles);
    require(channels >= 1, name + ": channels must be >= 1, got " + channels);
    require(maxOutstanding >= 1, name + ": max_outstanding must be >= 1, got " + maxOutstanding);
    this.name = name;
    this.descriptorOverheadCycles = descriptorOverheadCycles;
    this.channels = channels;
    this.maxOutstanding = maxOutstanding;
    this.streamPorts = streamPorts;
    this.portBytesPerCycle = (long) streamPorts * portWidthBits / 8;
    this.dram = dram;
    this.kvStore = kvStore;
  }

  /** The on-chip KV store this engine reaches, or null. */
  public SramBuffer kvStore() {
    return kvStore;
  }

  /**
   * Schedules one transfer that may start at {@code start} and reserves the DRAM bus and the buffer's
   * ports for its data phase.
   */
  public DmaTiming schedule(
      long start,
      SramBuffer buffer,
      long sramAddr,
      long dramAddr,
      long rows,
      long rowBytes,
      long dramStrideBytes) {
    if (kvStore != null && dramAddr >= IsaTarget.KV_STORE_BASE) {
      return onChip(start, buffer, sramAddr, dramAddr - IsaTarget.KV_STORE_BASE, rows, rowBytes, dramStrideBytes);
    }
    DramTransfer transfer = dram.transfer(dramAddr, rows, rowBytes, dramStrideBytes);
    long bytes = rows * rowBytes;
    SramAccess sram = buffer.access(sramAddr, 1, bytes, bytes);
    long ready = start + descriptorOverheadCycles + transfer.latencyCycles();
    long busFree = dram.bus().firstFit(ready, transfer.dataCycles());
    long dataStart = busFree;
    while (true) {
      long portsFree = buffer.portCalendar().firstFit(dataStart, sram.cycles());
      long busAgain = dram.bus().firstFit(portsFree, transfer.dataCycles());
      if (busAgain == portsFree) {
        dataStart = portsFree;
        break;
      }
      dataStart = busAgain;
    }
    dram.bus().reserve(dataStart, transfer.dataCycles());
    buffer.portCalendar().reserve(dataStart, sram.cycles());
    long latencyBound = IntMath.ceilDiv(transfer.bursts() * transfer.latencyCycles(), (long) maxOutstanding * streamPorts);
    long portBound = portBytesPerCycle == 0 ? 0 : IntMath.ceilDiv(bytes, portBytesPerCycle);
    long dataCycles = Math.max(Math.max(transfer.dataCycles(), sram.cycles()), Math.max(latencyBound, portBound));
    long end = dataStart + dataCycles;
    long busWait = busFree - ready;
    long portWait = dataStart - busFree;
    return new DmaTiming(
        start,
        end,
        descriptorOverheadCycles + dataCycles,
        transfer.latencyCycles() + busWait + portWait,
        busWait,
        portWait,
        transfer,
        sram,
        false);
  }

  /** A transfer between a buffer and the on-chip KV store: both memories' ports, no DRAM. */
  private DmaTiming onChip(long start, SramBuffer buffer, long sramAddr, long kvAddr, long rows, long rowBytes,
      long strideBytes) {
    long bytes = rows * rowBytes;
    SramAccess sram = buffer.access(sramAddr, 1, bytes, bytes);
    SramAccess kv = kvStore.access(kvAddr, rows, rowBytes, strideBytes == 0 ? rowBytes : strideBytes);
    long ready = start + descriptorOverheadCycles;
    long dataCycles = Math.max(sram.cycles(), kv.cycles());
    long dataStart = ready;
    while (true) {
      long portsFree = buffer.portCalendar().firstFit(dataStart, sram.cycles());
      long kvFree = kvStore.portCalendar().firstFit(portsFree, kv.cycles());
      if (kvFree == portsFree) {
        dataStart = portsFree;
        break;
      }
      dataStart = kvFree;
    }
    buffer.portCalendar().reserve(dataStart, sram.cycles());
    kvStore.portCalendar().reserve(dataStart, kv.cycles());
    long end = dataStart + dataCycles;
    return new DmaTiming(start, end, descriptorOverheadCycles + dataCycles, dataStart - ready, 0, dataStart - ready,
        new DramTransfer(bytes, 0, 0, 0, 0), sram, true);
  }

  public String name() {
    return name;
  }

  public long descriptorOverheadCycles() {
    return descriptorOverheadCycles;
  }

  public int channels() {
    return channels;
  }

  public int maxOutstanding() {
    return maxOutstanding;
  }
}
