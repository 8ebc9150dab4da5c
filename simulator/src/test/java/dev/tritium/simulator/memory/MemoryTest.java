package dev.tritium.simulator.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryTest {

  @Test
  void dramIsSparseAndCrossesPages() {
    DramImage d = new DramImage(1L << 36);
    long addr = (40L << 30) + DramImage.PAGE_BYTES - 3; // 40 GiB, 3 bytes before a page boundary
    d.writeInt32s(addr, new int[] {0x01020304, -7});
    assertArrayEquals(new int[] {0x01020304, -7}, d.readInt32s(addr, 2));
    assertEquals(0x04, d.getInt8(addr)); // little endian
    assertEquals(2L * DramImage.PAGE_BYTES, d.allocatedBytes());
    assertEquals(0, d.getInt32(1L << 35)); // unwritten reads zero and allocates nothing
    assertEquals(2L * DramImage.PAGE_BYTES, d.allocatedBytes());
    d.setFp32(8, -1.5f);
    assertEquals(-1.5f, d.getFp32(8));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.read((1L << 36) - 2, 4));
    assertTrue(e.getMessage().contains("DRAM"), e.getMessage());
  }

  @Test
  void sramChecksRangesAndNamesTheBuffer() {
    SramImage s = new SramImage("ACC", 16);
    s.setInt32(12, -5);
    assertEquals(-5, s.getInt32(12));
    s.setFp32(0, 2.5f);
    assertEquals(2.5f, s.getFp32(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.getInt32(13));
    assertTrue(e.getMessage().contains("ACC") && e.getMessage().contains("16 bytes"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SramImage("X", 0));
  }
}
