package dev.tritium.simulator.unit.dma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tritium.simulator.unit.dma.DmaEngine;
import dev.tritium.simulator.unit.dma.DmaTiming;
import dev.tritium.simulator.unit.dram.DramChannel;
import dev.tritium.simulator.unit.sram.SramBuffer;
import org.junit.jupiter.api.Test;

class DmaEngineTest {

  // 76.8 B/cycle, 25 cycles latency, 64-byte bursts; 2-cycle descriptor overhead.
  private final DramChannel dram = new DramChannel(19.2, 100, 64, 250);
  // 64 bursts outstanding: the latency bound 16 bursts * 25 / 64 = 7 cycles never limits below.
  private final DmaEngine load = new DmaEngine("dma_load", 2, 1, 64, dram);
  private final DmaEngine store = new DmaEngine("dma_store", 2, 1, 64, dram);

  @Test
  void dramLimitedTransfer() {
    // SRAM: 2 ports x 512 bits = 128 B/cycle -> 1024 bytes in 8 cycles; DRAM: 16 bursts, ceil(1024/76.8) = 14.
    SramBuffer wgt = new SramBuffer("WGT", 1 << 20, 8, 2, 512);
    DmaTiming t = load.schedule(0, wgt, 0, 0, 8, 128, 128);
    assertEquals(14, t.dram().dataCycles());
    assertEquals(8, t.sram().cycles());
    assertEquals(2 + 25 + 14, t.endCycle());
    assertEquals(2 + 14, t.busyCycles());
    assertEquals(25, t.waitDataCycles());
  }

  @Test
  void sramLimitedTransfer() {
    // SRAM: 1 port x 128 bits = 16 B/cycle -> 64 cycles for 1024 bytes, slower than DRAM's 14.
    SramBuffer wgt = new SramBuffer("WGT", 1 << 20, 8, 1, 128);
    DmaTiming t = load.schedule(0, wgt, 0, 0, 1, 1024, 1024);
    assertEquals(2 + 25 + 64, t.endCycle());
    assertEquals(66, t.busyCycles());
  }

  @Test
  void fewOutstandingBurstsCannotHideTheLatency() {
    // 4 bursts in flight, each answered after 25 cycles: 16 bursts need ceil(16 * 25 / 4) = 100 cycles,
    // slower than the bus (14) and the SRAM (8).
    DmaEngine shallow = new DmaEngine("dma_load", 2, 1, 4, dram);
    SramBuffer wgt = new SramBuffer("WGT", 1 << 20, 8, 2, 512);
    DmaTiming t = shallow.schedule(0, wgt, 0, 0, 1, 1024, 1024);
    assertEquals(2 + 25 + 100, t.endCycle());
    assertEquals(2 + 100, t.busyCycles());
  }

  @Test
  void loadAndStoreContendForTheOneDramBus() {
    SramBuffer wgt = new SramBuffer("WGT", 1 << 20, 8, 2, 512);
    SramBuffer acc = new SramBuffer("ACC", 1 << 20, 8, 2, 512);
    DmaTiming first = load.schedule(0, wgt, 0, 0, 1, 1024, 1024); // bus [27, 41)
    DmaTiming second = store.schedule(0, acc, 0, 1 << 20, 1, 1024, 1024);
    assertEquals(41, first.endCycle());
    assertEquals(14, second.dramBusWaitCycles());
    assertEquals(55, second.endCycle());
    assertEquals(25 + 14, second.waitDataCycles());
    assertEquals(second.endCycle() - second.startCycle(), second.busyCycles() + second.waitDataCycles());
  }

  @Test
  void busyBufferPortsDelayTheDataPhase() {
    SramBuffer wgt = new SramBuffer("WGT", 1 << 20, 8, 2, 512);
    wgt.portCalendar().reserve(20, 20); // a compute instruction reads WGT during [20, 40)
    DmaTiming t = load.schedule(0, wgt, 0, 0, 1, 1024, 1024);
    assertEquals(0, t.dramBusWaitCycles());
    assertEquals(13, t.portConflictCycles()); // ready at 27, ports free at 40
    assertEquals(40 + 14, t.endCycle());
  }

  /** A DRAM channel with an idle bus (76.8 B/cycle, 25 cycles latency, 64-byte bursts). */
  private static DramChannel idleDram() {
    return new DramChannel(19.2, 100, 64, 250);
  }

  private static SramBuffer fastWgt() {
    return new SramBuffer("WGT", 1 << 20, 8, 2, 512); // 128 B/cycle: 1024 bytes in S = 8 cycles
  }

  @Test
  void stripingOverPortsHidesMoreLatency() {
    // 1024 contiguous bytes: 16 bursts, D = ceil(1024 / 76.8) = 14, S = 8, no port width (P = 0).
    // 4 outstanding on 1 port: O = ceil(16 * 25 / (4 * 1)) = 100 dominates.
    DmaTiming one = new DmaEngine("dma_load", 2, 1, 4, 1, 0, idleDram()).schedule(0, fastWgt(), 0, 0, 1, 1024, 1024);
    assertEquals(2 + 25 + 100, one.endCycle());
    assertEquals(2 + 100, one.busyCycles());
    // The 5-argument engine is one port without a width: the same 100.
    DmaTiming legacy = new DmaEngine("dma_load", 2, 1, 4, idleDram()).schedule(0, fastWgt(), 0, 0, 1, 1024, 1024);
    assertEquals(one.endCycle(), legacy.endCycle());
    // 3 ports: O = ceil(400 / 12) = ceil(33.3) = 34, still above D = 14 and S = 8.
    DmaTiming three = new DmaEngine("dma_load", 2, 1, 4, 3, 0, idleDram()).schedule(0, fastWgt(), 0, 0, 1, 1024,
        1024);
    assertEquals(2 + 25 + 34, three.endCycle());
    assertEquals(2 + 34, three.busyCycles());
    assertEquals(25, three.waitDataCycles());
  }

  @Test
  void portWidthBoundsTheDataPhase() {
    // 64 outstanding: O = ceil(400 / 64) = 7. One 32-bit port moves 4 B/cycle: P = 1024 / 4 = 256 dominates.
    DmaTiming narrow = new DmaEngine("dma_load", 2, 1, 64, 1, 32, idleDram()).schedule(0, fastWgt(), 0, 0, 1, 1024,
        1024);
    assertEquals(2 + 25 + 256, narrow.endCycle());
    assertEquals(2 + 256, narrow.busyCycles());
    // Three 64-bit ports = 24 B/cycle: P = ceil(1024 / 24) = ceil(42.7) = 43; O = ceil(400 / 192) = 3.
    DmaTiming striped = new DmaEngine("dma_load", 2, 1, 64, 3, 64, idleDram()).schedule(0, fastWgt(), 0, 0, 1, 1024,
        1024);
    assertEquals(2 + 25 + 43, striped.endCycle());
    // Three 256-bit ports = 96 B/cycle: P = ceil(1024 / 96) = 11 < D = 14, so the DRAM bus bounds it again.
    DmaTiming wide = new DmaEngine("dma_load", 2, 1, 64, 3, 256, idleDram()).schedule(0, fastWgt(), 0, 0, 1, 1024,
        1024);
    assertEquals(2 + 25 + 14, wide.endCycle());
  }

  @Test
  void streamPortsAndPortWidthAreChecked() {
    IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
        () -> new DmaEngine("dma_load", 2, 1, 4, 1, 12, idleDram()));
    assertEquals("dma_load: port_width_bits must be 0 or a positive multiple of 8, got 12", width.getMessage());
    IllegalArgumentException ports = assertThrows(IllegalArgumentException.class,
        () -> new DmaEngine("dma_load", 2, 1, 4, 0, 0, idleDram()));
    assertEquals("dma_load: stream_ports must be >= 1, got 0", ports.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DmaEngine("dma_load", 2, 1, 4, 1, -8, idleDram()));
  }
}
