package dev.tritium.simulator.unit.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tritium.simulator.unit.dram.DramChannel;
import dev.tritium.simulator.unit.dram.DramTransfer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DramChannelTest {

  // KV260-class: 19.2 GB/s at 250 MHz = 76.8 bytes/cycle; 100 ns = 25 cycles; 64-byte bursts.
  private final DramChannel ddr4 = new DramChannel(19.2, 100, 64, 250);

  @Test
  void unitConversions() {
    assertEquals(76.8, ddr4.bytesPerCycle(), 1e-12);
    assertEquals(25, ddr4.latencyCycles());
    // 90 ns at 250 MHz = 22.5 cycles: rounded up.
    assertEquals(23, new DramChannel(19.2, 90, 64, 250).latencyCycles());
  }

  @Test
  void singleAwkwardRowRoundsToWholeBursts() {
    // 100 bytes from 0: bursts 0 and 1 -> 128 bus bytes -> ceil(128 / 76.8) = ceil(1.67) = 2 cycles.
    DramTransfer t = ddr4.transfer(0, 1, 100, 100);
    assertEquals(2, t.bursts());
    assertEquals(128, t.busBytes());
    assertEquals(2, t.dataCycles());
    assertEquals(25, t.latencyCycles());
    assertEquals(100.0 / 128, t.burstEfficiency(), 1e-12);
  }

  @Test
  void misalignedStridedRowsCountBurstsPerRow() {
    // rows start at 60, 160, 260: offsets in their bursts 60, 32, 4; 10 bytes each.
    // row 0 crosses a boundary (60..69) -> 2 bursts; rows 1 and 2 -> 1 each: 4 bursts, 256 bytes.
    DramTransfer t = ddr4.transfer(60, 3, 10, 100);
    assertEquals(4, t.bursts());
    assertEquals(30.0 / 256, t.burstEfficiency(), 1e-12);
    assertEquals(4, t.dataCycles()); // ceil(256 / 76.8) = ceil(3.33)
  }

  @Test
  void manyAlignedRowsUseThePeriodicShortcut() {
    // 1000 rows of 96 bytes, stride 128, from 0: offset 0 each time, ceil(96/64) = 2 bursts per row.
    assertEquals(2000, ddr4.transfer(0, 1000, 96, 128).bursts());
    // stride 96 (back to back): one run of 96000 bytes = 1500 bursts.
    assertEquals(1500, ddr4.transfer(0, 1000, 96, 96).bursts());
    // stride 160: offsets cycle 0, 32 (160 mod 64 = 32): 0 -> 2 bursts, 32 -> ceil(128/64) = 2.
    assertEquals(2000, ddr4.transfer(0, 1000, 96, 160).bursts());
    // stride 80: offsets 0,16,32,48,0..: rows of 64 bytes: 1,2,2,2 bursts -> 7 per 4 rows; 10 rows -> 7+7+1+2 = 17.
    assertEquals(17, ddr4.transfer(0, 10, 64, 80).bursts());
  }

  @Test
  void rowsBackToBackAreOneContiguousRun() {
    // 4 rows of 1 byte, stride 1: one burst, not four.
    assertEquals(1, ddr4.transfer(0, 4, 1, 1).bursts());
    // 3 rows of 40 bytes from 40: bytes 40..159 -> bursts 0, 1, 2.
    assertEquals(3, ddr4.transfer(40, 3, 40, 40).bursts());
    // the same rows with a 41-byte stride are rounded one by one: 40..79 (bursts 0-1), 81..120 (1),
    // 122..161 (1-2): 5 bursts.
    assertEquals(5, ddr4.transfer(40, 3, 40, 41).bursts());
  }

  @Test
  void emptyTransferCostsOnlyLatency() {
    DramTransfer t = ddr4.transfer(0, 0, 64, 64);
    assertEquals(0, t.bursts());
    assertEquals(0, t.dataCycles());
    assertEquals(1.0, t.burstEfficiency());
  }

  @Test
  void badParametersAreRejectedWithTheKey() {
    var ex = assertThrows(IllegalArgumentException.class, () -> new DramChannel(0, 100, 64, 250));
    assertEquals("dram peak_GBps must be > 0, got 0.0", ex.getMessage());
  }

  /** The closed form must equal summing each row's bursts one by one. */
  @Property(tries = 300, seed = "20261123")
  void burstsEqualNaiveRowByRowSum(
      @ForAll @LongRange(min = 0, max = 1 << 20) long addr,
      @ForAll @IntRange(min = 0, max = 300) int rows,
      @ForAll @IntRange(min = 1, max = 300) int rowBytes,
      @ForAll @IntRange(min = 0, max = 1000) int stride,
      @ForAll @IntRange(min = 0, max = 6) int burstLog) {
    int burst = 8 << burstLog;
    long naive = 0;
    for (long r = 0; r < rows; r++) {
      long start = addr + r * stride;
      naive += (start + rowBytes - 1) / burst - start / burst + 1;
    }
    assertEquals(naive, DramChannel.bursts(addr, rows, rowBytes, stride, burst));
  }
}
