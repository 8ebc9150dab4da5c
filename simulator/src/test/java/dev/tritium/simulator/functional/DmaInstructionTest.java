package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Load;
import dev.tritium.isa.Store;
import dev.tritium.simulator.engine.FunctionalModel;
import dev.tritium.simulator.memory.MachineState;
import org.junit.jupiter.api.Test;

class DmaInstructionTest {

  private final FunctionalModel model = new FunctionalModel();

  @Test
  void stridedLoadAndStoreRoundTrip() {
    MachineState s = Machines.small();
    long base = 5L << 32;
    for (int r = 0; r < 3; r++) {
      s.dram().write(base + 100L * r, new byte[] {(byte) (10 * r), (byte) (10 * r + 1), (byte) (10 * r + 2)});
    }
    ActionCounters c = new ActionCounters();
    model.execute(new Load(NO_DEPS, Buffer.ACT, 8, base, 3, 2, 100), s, c); // first 2 bytes of each row
    byte[] sram = new byte[6];
    s.buffer(Buffer.ACT).read(8, sram, 0, 6);
    assertArrayEquals(new byte[] {0, 1, 10, 11, 20, 21}, sram);
    model.execute(new Store(NO_DEPS, Buffer.ACT, 8, 4096, 2, 3, 10), s, c); // 2 rows of 3 bytes, 10 apart
    assertArrayEquals(new byte[] {0, 1, 10, 0, 0, 0, 0, 0, 0, 0, 11, 20, 21}, s.dram().read(4096, 13));
    ActionCounts n = c.snapshot();
    assertEquals(6, n.traffic().dramReadBytes());
    assertEquals(6, n.traffic().dramWrittenBytes());
    assertEquals(6, n.traffic().sramWrittenBytes(Buffer.ACT));
    assertEquals(6, n.traffic().sramReadBytes(Buffer.ACT));
  }

  @Test
  void loadPastTheBufferIsRejected() {
    MachineState s = Machines.small();
    assertThrows(IllegalArgumentException.class,
        () -> model.execute(new Load(NO_DEPS, Buffer.WGT, (1 << 16) - 4, 0, 2, 4, 4), s, new ActionCounters()));
  }
}
