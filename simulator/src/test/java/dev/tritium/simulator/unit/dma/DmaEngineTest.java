package dev.tritium.simulator.unit.dma;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
