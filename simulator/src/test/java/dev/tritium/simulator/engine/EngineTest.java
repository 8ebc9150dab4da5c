package dev.tritium.simulator.engine;

import static dev.tritium.simulator.engine.Asm.finish;
import static dev.tritium.simulator.engine.Asm.gemm;
import static dev.tritium.simulator.engine.Asm.loadWgt;
import static dev.tritium.simulator.engine.Asm.storeAcc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tritium.isa.Instruction;
import dev.tritium.simulator.stats.OverlapStats;
import dev.tritium.simulator.stats.SimulationStats;
import dev.tritium.simulator.stats.UnitStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed engine timelines on {@link TestMachines#small()}: a 640-byte weight load costs
 * 10 cycles latency + 10 bus cycles (10 bursts at 64 B/cycle; its SRAM side is 5 cycles) = 20;
 * a GEMM.T of m=29, n=k=4 is one WS fold of 2*4 + 4 + 29 - 2 = 39 cycles; a 64-byte store costs 10 + 1.
 */
class EngineTest {

  static final int W = 640;

  /** Double-buffered: L1 overlaps C0, L2 overlaps C1. */
  static final List<Instruction> DOUBLE_BUFFERED = List.of(
      loadWgt(0, W, "un"),          // L0
      loadWgt(4096, W, "un"),       // L1
      gemm(0, 29, 4, 4, "pp up"),   // C0 frees slot 0
      loadWgt(0, W, "pn un"),       // L2 waits for slot 0
      gemm(4096, 29, 4, 4, "pp"),   // C1
      gemm(0, 29, 4, 4, "pp un"),   // C2
      storeAcc(64, "pp"),           // S
      finish());

  /** Single-buffered: each load waits until the previous tile's compute has freed the buffer. */
  static final List<Instruction> SINGLE_BUFFERED = List.of(
      loadWgt(0, W, "un"),
      gemm(0, 29, 4, 4, "pp up"),
      loadWgt(0, W, "pn un"),
      gemm(0, 29, 4, 4, "pp up"),
      loadWgt(0, W, "pn un"),
      gemm(0, 29, 4, 4, "pp un"),
      storeAcc(64, "pp"),
      finish());

  static SimulationStats run(List<Instruction> program, EngineOptions options) {
    return new Engine(TestMachines.small(), options).run(program);
  }

  static void assertAccounted(SimulationStats s) {
    for (UnitStats u : s.units()) {
      assertEquals(s.totalCycles(), u.accountedCycles(), u.unit() + " cycles must sum to the total");
    }
    assertEquals(s.totalCycles(), s.overlap().totalCycles(), "overlap combinations must sum to the total");
  }

  @Test
  void doubleBufferingOverlapsLoadAndCompute() {
    // L0 [0,20) C0 [20,59) L1 [20,40) L2 [59,79) C1 [59,98) C2 [98,137) S [137,148)
    SimulationStats s = run(DOUBLE_BUFFERED, EngineOptions.timingOnly());
    assertEquals(148, s.totalCycles());
    assertAccounted(s);
    assertEquals(new UnitStats("dma_load", 3, 30, 30, 19, 69), s.unit("dma_load"));
    assertEquals(new UnitStats("mac_array", 3, 117, 0, 20, 11), s.unit("mac_array"));
    assertEquals(new UnitStats("dma_store", 1, 1, 10, 137, 0), s.unit("dma_store"));
    assertEquals(new UnitStats("lut_core", 0, 0, 0, 0, 148), s.unit("lut_core"));
    // load busy [10,20) [30,40) [69,79); compute busy [20,137); store busy [147,148).
    assertEquals(new OverlapStats(20, 10, 97, 1, 20, 0, 0, 0), s.overlap());
  }

  @Test
  void singleBufferingIsSlowerByTheTwoHiddenLoads() {
    // L0 [0,20) C0 [20,59) L1 [59,79) C1 [79,118) L2 [118,138) C2 [138,177) S [177,188)
    SimulationStats s = run(SINGLE_BUFFERED, EngineOptions.timingOnly());
    assertEquals(188, s.totalCycles());
    assertEquals(148 + 2 * 20, s.totalCycles());
    assertAccounted(s);
    assertEquals(0, s.overlap().loadComputeCycles());
    // compute waits for each load: 20 + 20 + 20 cycles on the load->compute token.
    assertEquals(60, s.unit("mac_array").waitTokenCycles());
  }

  @Test
  void forceSerialRemovesAllOverlap() {
    SimulationStats s = run(DOUBLE_BUFFERED, EngineOptions.timingOnly().withForceSerial(true));
    // 3 loads x 20 + 3 GEMMs x 39 + store 11 back to back.
    assertEquals(3 * 20 + 3 * 39 + 11, s.totalCycles());
    assertAccounted(s);
    assertEquals(0, s.overlap().loadComputeCycles());
  }

  /** Three weight loads ahead of three short GEMMs (m=1: 2*4 + 4 + 1 - 2 = 11 cycles each). */
  static final List<Instruction> LOAD_BOUND = List.of(
      loadWgt(0, W, "un"), loadWgt(4096, W, "un"), loadWgt(8192, W, "un"),
      gemm(0, 1, 4, 4, "pp"), gemm(4096, 1, 4, 4, "pp"), gemm(8192, 1, 4, 4, "pp un"),
      storeAcc(64, "pp"),
      finish());

  @Test
  void oneLoadChannelSerialisesTransfers() {
    // L0 [0,20) L1 [20,40) L2 [40,60); C0 [20,31) C1 [40,51) C2 [60,71); S [71,82)
    SimulationStats s = run(LOAD_BOUND, EngineOptions.timingOnly());
    assertEquals(82, s.totalCycles());
    assertAccounted(s);
  }

  @Test
  void twoLoadChannelsOverlapLatencyAndShareTheBus() {
    // L0 [0,20) bus [10,20); L1 [0,30) bus [20,30) (waits 10 for the bus); L2 takes L0's channel at 20:
    // [20,40) bus [30,40). C0 [20,31): its WGT read waits for L1's port slot [20,25) (5 conflict cycles,
    // hidden under compute); C1 [31,42): its WGT read waits for L2's slot [30,35) (4 more); C2 [42,53);
    // S [53,64).
    SimulationStats s = new Engine(TestMachines.small(2), EngineOptions.timingOnly()).run(LOAD_BOUND);
    assertEquals(64, s.totalCycles());
    assertAccounted(s);
    // dma_load: in flight [0,40), busy (data phases back to back) [10,40), so wait_data only [0,10).
    assertEquals(new UnitStats("dma_load", 3, 30, 10, 0, 24), s.unit("dma_load"));
    assertEquals(new UnitStats("mac_array", 3, 33, 0, 20, 11), s.unit("mac_array"));
    assertEquals(5 + 4, s.buffer("WGT").portConflictCycles());
  }

  @Test
  void dramAndBufferCounters() {
    SimulationStats s = run(DOUBLE_BUFFERED, EngineOptions.timingOnly());
    assertEquals(4, s.dram().transfers());
    assertEquals(3 * W, s.dram().bytesRead());
    assertEquals(64, s.dram().bytesWritten());
    assertEquals(3 * W + 64, s.dram().busBytes());
    assertEquals(31, s.dram().busBusyCycles());
    // (1984 bytes / 148 ns) = 13.405... GB/s
    assertEquals((3.0 * W + 64) / 148, s.dram().achievedGBps(), 1e-9);
    // WGT: 3 loads written; each GEMM reads 4 rows x 1 byte of 2-bit weights.
    assertEquals(3 * W, s.buffer("WGT").bytesWritten());
    assertEquals(3 * 4, s.buffer("WGT").bytesRead());
    // ACC: each GEMM writes 29 x 16 bytes (1 fold, no accumulate: no read); the store reads 64.
    assertEquals(3 * 29 * 16, s.buffer("ACC").bytesWritten());
    assertEquals(64, s.buffer("ACC").bytesRead());
    assertEquals(0, s.buffer("WGT").portConflictCycles());
  }

  @Test
  void deadlockNamesTheStuckInstructionAndTheToken() {
    List<Instruction> program = List.of(gemm(0, 1, 4, 4, "pp"), finish());
    var ex = assertThrows(SimulationException.class, () -> run(program, EngineOptions.timingOnly()));
    assertEquals("deadlock at cycle 0: load queue empty; compute #0 GEMM.T waiting on load->compute token;"
        + " store queue empty", ex.getMessage());
  }

  @Test
  void deadlockAfterSomeProgressReportsTheCycle() {
    // The store pops compute->store, but the GEMM pushes nothing.
    List<Instruction> program = List.of(loadWgt(0, W, "un"), gemm(0, 29, 4, 4, "pp"), storeAcc(64, "pp"),
        finish());
    var ex = assertThrows(SimulationException.class, () -> run(program, EngineOptions.timingOnly()));
    assertEquals("deadlock at cycle 59: load queue empty; compute queue empty;"
        + " store #2 STORE waiting on compute->store token", ex.getMessage());
  }

  @Test
  void fullQueueStallsDispatchAndCanDeadlock() {
    // Capacity 1: the second GEMM cannot be dispatched, so the load it would let through never arrives.
    List<Instruction> program = List.of(gemm(0, 1, 4, 4, "pp"), gemm(0, 1, 4, 4, ""),
        loadWgt(0, W, "un"), finish());
    var ex = assertThrows(SimulationException.class,
        () -> run(program, EngineOptions.timingOnly().withQueueCapacity(1)));
    assertEquals("deadlock at cycle 0: load queue empty; compute #0 GEMM.T waiting on load->compute token;"
        + " store queue empty; dispatch stalled before compute #1 GEMM.T: compute queue full (capacity 1)",
        ex.getMessage());
  }

  @Test
  void queueFullCyclesAreCounted() {
    // Capacity 1 and three GEMMs behind one load: while C0 runs [20,59) C1 waits in the queue and C2
    // cannot be dispatched; while C1 runs [59,98) C2 is queued. So the dispatcher is stalled 0..59
    // (the load is dispatched first, then C0, C1 fill the queue while C0 is blocked).
    List<Instruction> program = List.of(loadWgt(0, W, "un"), gemm(0, 29, 4, 4, "pp"),
        gemm(0, 29, 4, 4, ""), gemm(0, 29, 4, 4, ""), finish());
    SimulationStats s = run(program, EngineOptions.timingOnly().withQueueCapacity(1));
    assertEquals(20 + 3 * 39, s.totalCycles());
    assertEquals(59, s.queues().get(1).queueFullCycles());
    assertAccounted(s);
  }

  @Test
  void tokensLeftAtFinishAreReported() {
    List<Instruction> program = List.of(loadWgt(0, W, "un"), finish());
    var ex = assertThrows(SimulationException.class, () -> run(program, EngineOptions.timingOnly()));
    assertEquals("token imbalance at FINISH (cycle 20): load->compute has 1 token pushed but never popped",
        ex.getMessage());
  }

  @Test
  void programWithoutFinishIsRejected() {
    var ex = assertThrows(SimulationException.class,
        () -> run(List.of(loadWgt(0, W, "")), EngineOptions.timingOnly()));
    assertEquals("program ends after instruction #0 without FINISH", ex.getMessage());
  }
}
