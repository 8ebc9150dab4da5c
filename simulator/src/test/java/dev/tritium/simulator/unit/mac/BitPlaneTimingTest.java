package dev.tritium.simulator.unit.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.GemmBp;
import dev.tritium.simulator.unit.sram.OperandStreams;
import dev.tritium.simulator.unit.sram.RowStrides;
import dev.tritium.simulator.unit.sram.SramBuffer;
import org.junit.jupiter.api.Test;

/**
 * GEMM.BP's schedule: the reduction is over ceil(k / 8) plane bytes and each fold streams its tokens P x Q times, by
 * hand on a fold-serialised 8 x 64 weight-stationary array; refused without bit-plane PEs.
 */
class BitPlaneTimingTest {

  private static TernaryMacArray array(boolean bitPlane) {
    return new TernaryMacArray(8, 64, Dataflow.WS, ZeroSkip.NONE, false, false, false, 0, bitPlane);
  }

  @Test
  void foldsOverPlaneBytesAndPassesTimesTheStream() {
    // m = 5, n = 64, k = 80, P = 2, Q = 8: 10 plane bytes -> 2 row folds x 1 column fold; each fold streams
    // 16 x 5 = 80 vectors: 2 x (8 preload + 80 + 8 + 64 - 2 drain) = 316 cycles.
    assertEquals(316, array(true).bitPlaneTile(5, 64, 80, 2, 8).cycles());
    // k = 81 needs an 11th plane byte, still two row folds.
    assertEquals(316, array(true).bitPlaneTile(5, 64, 81, 2, 8).cycles());
    // One plane each is the ternary schedule of k / 8 columns.
    assertEquals(array(true).ternaryTile(5, 64, 10).cycles(), array(true).bitPlaneTile(5, 64, 80, 1, 1).cycles());
  }

  private static SramBuffer[] sram() {
    SramBuffer[] sram = new SramBuffer[Buffer.values().length];
    for (Buffer b : Buffer.values()) {
      sram[b.ordinal()] = new SramBuffer(b.name(), 1 << 16, 1, 2, 64);
    }
    return sram;
  }

  @Test
  void occupancyStreamsTheRowsAndNeedsTheKey() {
    GemmBp g = new GemmBp(Deps.NONE, 0, 0, 0, 5, 64, 80, 2, 8, false);
    OperandStreams streams = new OperandStreams(sram());
    assertEquals(316, array(true).occupancy(g, RowStrides.DENSE, streams));
    // the 64 weight rows of 1 + 2 x 10 bytes are read once (each stationary for its fold)
    assertEquals(64 * 21, streams.bytesRead(Buffer.WGT));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> array(false).occupancy(g, RowStrides.DENSE, new OperandStreams(sram())));
    assertTrue(e.getMessage().contains("mac_array.bit_plane: true"), e.getMessage());
  }
}
