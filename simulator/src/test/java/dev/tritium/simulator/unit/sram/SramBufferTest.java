package dev.tritium.simulator.unit.sram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.simulator.unit.sram.BufferStorage;
import dev.tritium.simulator.unit.sram.SramAccess;
import dev.tritium.simulator.unit.sram.SramBuffer;
import org.junit.jupiter.api.Test;

class SramBufferTest {

  // 4 banks, 2 ports, 64-bit words: 16 bytes per cycle at best.
  private final SramBuffer act = new SramBuffer("ACT", 1 << 16, 4, 2, 64);

  @Test
  void contiguousBytesUseAllPorts() {
    // ceil(100 / (2 * 8)) = 7
    assertEquals(new SramAccess(100, 7, 0), act.access(0, 1, 100, 100));
    assertEquals(7, act.cyclesFor(100));
    // 16 bytes starting 4 bytes into a word touch 3 words: ceil(3 / 2) = 2 cycles.
    assertEquals(2, act.access(4, 1, 16, 16).cycles());
    // rows laid out back to back are one contiguous run: 4 x 8 bytes = 4 words = 2 cycles.
    assertEquals(new SramAccess(32, 2, 0), act.access(0, 4, 8, 8));
  }

  @Test
  void strideMultipleOfBanksSerialisesRowParallelAccess() {
    // 4 rows of one word, 4 words apart: all in bank 0. Ports cannot pair rows: 4 cycles, ideal 2.
    assertEquals(new SramAccess(32, 4, 2), act.access(0, 4, 8, 32));
  }

  @Test
  void strideCoprimeToBanksIsConflictFree() {
    // stride 5 words: rows in banks 0,1,2,3: pairs are conflict-free: ceil(4/2) = 2 cycles.
    assertEquals(new SramAccess(32, 2, 0), act.access(0, 4, 8, 40));
  }

  @Test
  void fourPortsStrideTwoWordsHalvesParallelism() {
    SramBuffer quad = new SramBuffer("ACT", 1 << 16, 4, 4, 64);
    // rows start in banks 0,2,0,2: two rows share each bank -> 2 cycles, ideal ceil(4/4) = 1.
    assertEquals(new SramAccess(32, 2, 1), quad.access(0, 4, 8, 16));
  }

  @Test
  void longRowsPreferRowByRowStreaming() {
    // 3 rows of 64 bytes (8 words), stride 256 bytes (32 words = bank 0 always).
    // row-by-row: 3 * ceil(8/2) = 12; row-parallel: ceil(3/2) * 8 * 2 = 32 -> 12, no conflict.
    assertEquals(new SramAccess(192, 12, 0), act.access(0, 3, 64, 256));
  }

  @Test
  void moreBanksThanPortsNeededForParallelWords() {
    SramBuffer oneBank = new SramBuffer("VEC", 4096, 1, 2, 64);
    // one bank can serve one word per cycle whatever the port count: 100 bytes = 13 words = 13 cycles.
    assertEquals(13, oneBank.cyclesFor(100));
  }

  @Test
  void registersAndLutramCostNoPortCyclesButCountBytes() {
    // Same geometry as act, but read in parallel by every consumer: no port cycles, no bank conflicts.
    for (BufferStorage storage : new BufferStorage[] {BufferStorage.REGISTERS, BufferStorage.LUTRAM}) {
      SramBuffer fabric = new SramBuffer("LUT", 1 << 16, 4, 2, 64, storage);
      // The access that costs 4 cycles (2 of them bank conflicts) on the SRAM: 4 rows of 8 bytes, stride 32.
      assertEquals(new SramAccess(32, 4, 2), act.access(0, 4, 8, 32));
      assertEquals(new SramAccess(32, 0, 0), fabric.access(0, 4, 8, 32), storage.name());
      // Contiguous 100 bytes: 7 cycles on the SRAM, 0 here; the bytes are still 100.
      assertEquals(new SramAccess(100, 0, 0), fabric.access(4, 1, 100, 100), storage.name());
      assertEquals(0, fabric.cyclesFor(100), storage.name());
      // Empty accesses move nothing.
      assertEquals(new SramAccess(0, 0, 0), fabric.access(0, 0, 8, 8), storage.name());
    }
    // The SRAM storage given explicitly is the 5-argument buffer: ceil(100 / 16) = 7.
    assertEquals(7, new SramBuffer("ACT", 1 << 16, 4, 2, 64, BufferStorage.SRAM).cyclesFor(100));
  }
}
