package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.GemmIw;
import dev.tritium.isa.IntWidth;
import dev.tritium.isa.IsaTarget;
import dev.tritium.simulator.engine.FunctionalModel;
import dev.tritium.simulator.memory.MachineState;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * GEMM.IW (integer weights on integer activations, exact int32): the int4 nibble layout on a hand-computed case, int8
 * against a direct loop with accumulate, the int4 activation range, the counts, and the refusal without multipliers.
 */
class IntWeightGemmTest {

  private final FunctionalModel model = new FunctionalModel();
  private final ActionCounters c = new ActionCounters();

  private static MachineState machine(int multiplierBits) {
    IsaTarget t = Machines.small().target();
    return new MachineState(new IsaTarget("int", t.wgtBytes(), t.actBytes(), t.accBytes(), t.lutBytes(), t.vecBytes(),
        t.macRows(), t.macCols(), t.lut(), t.vectorLanes(), t.packings(), 2, 0, 0, multiplierBits));
  }

  @Test
  void int4NibblesAreTwosComplementLowNibbleFirst() {
    MachineState s = machine(4);
    // Row 0: 1, -2, 7, -8, 3 -> bytes 0xE1 (1 low, -2 = 0xE high), 0x87 (7 low, -8 = 0x8 high), 0x03.
    // Row 1: -1, 0, 0, 5, -7 -> 0x0F, 0x50, 0x09.
    Machines.putBytes(s, Buffer.WGT, 0, new byte[] {(byte) 0xE1, (byte) 0x87, 0x03, 0x0F, 0x50, 0x09});
    Machines.putBytes(s, Buffer.ACT, 0, new byte[] {2, 3, -1, 1, 5});
    model.execute(new GemmIw(NO_DEPS, 0, 0, 0, 1, 2, 5, IntWidth.INT4, IntWidth.INT4, false), s, c);
    // row 0: 2 - 6 - 7 - 8 + 15 = -4; row 1: -2 + 0 + 0 + 5 - 35 = -32
    assertArrayEquals(new int[] {-4, -32}, Machines.acc(s, 0, 2));
    assertEquals(10, c.snapshot().intArray().w4a4());
    assertEquals(10, c.snapshot().intArray().total());
  }

  @Test
  void int8MatchesADirectLoopAndAccumulates() {
    MachineState s = machine(8);
    int m = 3;
    int n = 5;
    int k = 37;
    SplittableRandom r = new SplittableRandom(19);
    byte[] w = new byte[n * k];
    byte[] a = new byte[m * k];
    for (int i = 0; i < w.length; i++) {
      w[i] = (byte) r.nextInt(-128, 128);
    }
    for (int i = 0; i < a.length; i++) {
      a[i] = (byte) r.nextInt(-128, 128);
    }
    Machines.putBytes(s, Buffer.WGT, 0, w);
    Machines.putBytes(s, Buffer.ACT, 0, a);
    int[] expected = new int[m * n];
    for (int t = 0; t < m; t++) {
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < k; i++) {
          expected[t * n + j] += w[j * k + i] * a[t * k + i];
        }
      }
    }
    model.execute(new GemmIw(NO_DEPS, 0, 0, 64, m, n, k, IntWidth.INT8, IntWidth.INT8, false), s, c);
    assertArrayEquals(expected, Machines.acc(s, 64, m * n));
    model.execute(new GemmIw(NO_DEPS, 0, 0, 64, m, n, k, IntWidth.INT8, IntWidth.INT8, true), s, c);
    for (int i = 0; i < expected.length; i++) {
      expected[i] *= 2;
    }
    assertArrayEquals(expected, Machines.acc(s, 64, m * n));
    ActionCounts counts = c.snapshot();
    assertEquals(2L * m * n * k, counts.intArray().w8a8());
    assertEquals(2L * n * k, counts.traffic().sramReadBytes(Buffer.WGT));
  }

  @Test
  void int4ActivationsMustFitFourBitsAndMultipliersMustExist() {
    MachineState s = machine(8);
    Machines.putBytes(s, Buffer.ACT, 0, new byte[] {8});
    IllegalStateException range = assertThrows(IllegalStateException.class, () -> model.execute(
        new GemmIw(NO_DEPS, 0, 0, 0, 1, 1, 1, IntWidth.INT8, IntWidth.INT4, false), s, c));
    assertTrue(range.getMessage().contains("is 8, outside the INT4 range [-8, 7]"), range.getMessage());
    IllegalStateException none = assertThrows(IllegalStateException.class, () -> model.execute(
        new GemmIw(NO_DEPS, 0, 0, 0, 1, 1, 1, IntWidth.INT4, IntWidth.INT4, false), Machines.small(), c));
    assertTrue(none.getMessage().contains("needs int4 multipliers"), none.getMessage());
    IllegalStateException narrow = assertThrows(IllegalStateException.class, () -> model.execute(
        new GemmIw(NO_DEPS, 0, 0, 0, 1, 1, 1, IntWidth.INT4, IntWidth.INT8, false), machine(4), c));
    assertTrue(narrow.getMessage().contains("has int4"), narrow.getMessage());
  }
}
