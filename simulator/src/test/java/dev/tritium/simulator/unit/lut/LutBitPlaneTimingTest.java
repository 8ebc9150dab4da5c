package dev.tritium.simulator.unit.lut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.LutBuildBp;
import dev.tritium.isa.LutGemmBp;
import dev.tritium.isa.LutVariant;
import dev.tritium.simulator.unit.sram.OperandStreams;
import dev.tritium.simulator.unit.sram.RowStrides;
import dev.tritium.simulator.unit.sram.SramBuffer;
import org.junit.jupiter.api.Test;

/**
 * LUT.BUILD.BP and LUT.GEMM.BP's schedule by hand on edge-fpga-every-format's core (g = 3 base-3 variant, 28 tables
 * per cycle, 896 lookups per cycle shared by 32 rows), whatever the instruction's g; refused without the key.
 */
class LutBitPlaneTimingTest {

  private static final long LATENCY = 4;

  private static LutTensorCore core(boolean bitPlane) {
    return new LutTensorCore(3, LutVariant.TERNARY_BASE3, 10, 28, 1, 0, 896, 32, LATENCY, true, bitPlane);
  }

  private static SramBuffer[] sram() {
    SramBuffer[] sram = new SramBuffer[Buffer.values().length];
    for (Buffer b : Buffer.values()) {
      sram[b.ordinal()] = new SramBuffer(b.name(), 1 << 16, 1, 2, 64);
    }
    return sram;
  }

  @Test
  void buildIsTheVariantsTableRateOverCeilKOverGTables() {
    // m = 2, k = 376, g = 4: 2 x 94 = 188 tables at 28 per cycle: 7 cycles + latency; 15 adds and 32 bytes each
    LutBuildTiming t = core(true).buildBitPlane(2, 376, 4);
    assertEquals(188, t.tables());
    assertEquals(7 + LATENCY, t.cycles());
    assertEquals(188 * 15, t.adds());
    assertEquals(188 * 32, t.tableBytes());
    // g = 2: 2 x 188 = 376 tables: 14 cycles
    assertEquals(14 + LATENCY, core(true).buildBitPlane(2, 376, 2).cycles());
  }

  @Test
  void gemmLooksUpOncePerPlanePerGroupAtTheCoresRate() {
    // m = 1, n = 64, k = 376, g = 4, P = 2: 94 x 2 = 188 lookups per output; 188 x ceil(64 / 32) = 376 broadcasts
    // at 896 / 32 = 28 tables per cycle: 14 cycles + latency
    LutGemmTiming t = core(true).gemmBitPlane(1, 64, 376, 4, 2);
    assertEquals(64 * 188, t.lookups());
    assertEquals(376, t.tableBroadcasts());
    assertEquals(14 + LATENCY, t.cycles());
    // P = 4 doubles the broadcasts; g = 2 doubles the groups
    assertEquals(27 + LATENCY, core(true).gemmBitPlane(1, 64, 376, 4, 4).cycles());
    assertEquals(27 + LATENCY, core(true).gemmBitPlane(1, 64, 376, 2, 2).cycles());
  }

  @Test
  void occupancyStreamsTheWeightRowsPerTokenAndNeedsTheKey() {
    LutGemmBp g = new LutGemmBp(Deps.NONE, 0, 0, 0, 2, 64, 376, 2, 4, false);
    OperandStreams streams = new OperandStreams(sram());
    // 2 x 376 broadcasts: 27 cycles + latency
    assertEquals(27 + LATENCY, core(true).occupancy(g, RowStrides.DENSE, streams));
    assertEquals(2 * 64 * (1 + 2 * 47), streams.bytesRead(Buffer.WGT));
    assertEquals(2 * 376 * 32, streams.bytesRead(Buffer.LUT));
    LutBuildBp b = new LutBuildBp(Deps.NONE, 0, 0, 2, 376, 0, 4);
    for (var call : java.util.List.<Runnable>of(
        () -> core(false).occupancy(g, RowStrides.DENSE, new OperandStreams(sram())),
        () -> core(false).occupancy(b, RowStrides.DENSE, new OperandStreams(sram())))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
      assertTrue(e.getMessage().contains("lut_core.bit_plane: true"), e.getMessage());
    }
  }
}
