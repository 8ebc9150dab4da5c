package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Packing;
import dev.tritium.simulator.engine.FunctionalModel;
import dev.tritium.simulator.memory.MachineState;
import org.junit.jupiter.api.Test;

class TernaryGemmInstructionTest {

  private final FunctionalModel model = new FunctionalModel();

  // W [2][7] = [[+1, -1, 0, +1, -1, +1, 0], [0, 0, -1, -1, +1, +1, +1]]
  private static final byte[] W = {1, -1, 0, 1, -1, 1, 0, 0, 0, -1, -1, 1, 1, 1};
  // x [2][7]: token 0 and token 1 (token 1 has two zero activations)
  private static final byte[] X = {3, 5, -7, 2, 10, -4, 100, 0, 1, 0, 2, 3, 4, 5};

  private MachineState loaded(Packing p, byte[] packed) {
    MachineState s = Machines.small();
    Machines.putBytes(s, Buffer.WGT, 64, packed);
    Machines.putBytes(s, Buffer.ACT, 128, X);
    return s;
  }

  @Test
  void twoBitOverwriteThenAccumulateWithHandCounts() {
    byte[] packed = TestPacking.packGroups(W, 2, 7, 1, 2, false);
    MachineState s = loaded(Packing.TWO_BIT, packed);
    ActionCounters c = new ActionCounters();
    s.buffer(Buffer.ACC).writeInt32s(0, new int[] {111, 222, 333, 444}); // overwritten
    model.execute(new GemmTernary(NO_DEPS, 64, 128, 0, 2, 2, 7, Packing.TWO_BIT, false), s, c);
    // token 0: row 0 = 3 - 5 + 2 - 10 - 4 = -14, row 1 = 7 - 2 + 10 - 4 + 100 = 111
    // token 1: row 0 = -1 + 2 - 3 + 4 = 2, row 1 = 0 - 2 + 3 + 4 + 5 = 10
    assertArrayEquals(new int[] {-14, 111, 2, 10}, Machines.acc(s, 0, 4));
    model.execute(new GemmTernary(NO_DEPS, 64, 128, 0, 2, 2, 7, Packing.TWO_BIT, true), s, c);
    assertArrayEquals(new int[] {-28, 222, 4, 20}, Machines.acc(s, 0, 4));

    ActionCounts n = c.snapshot();
    // per instruction: 2 tokens x (6 plus, 4 minus, 4 zero weights); token 1 has 2 zero activations x 2 rows
    assertEquals(new TernaryPairCounts(56, 24, 16, 16, 8, CountSource.EXECUTED), n.macArray());
    assertEquals(2L * 2 * 2, n.traffic().sramReadBytes(Buffer.WGT)); // 2 rows x 2 bytes, twice
    assertEquals(2L * 14, n.traffic().sramReadBytes(Buffer.ACT));
    assertEquals(16L, n.traffic().sramReadBytes(Buffer.ACC)); // only the accumulating one reads
    assertEquals(32L, n.traffic().sramWrittenBytes(Buffer.ACC));
  }

  @Test
  void base3WithActivationAndAccumulatorStrides() {
    byte[] packed = TestPacking.packGroups(W, 2, 7, 5, 8, false); // 2 bytes per row, k = 7 not a multiple of 5
    assertEquals(4, packed.length);
    MachineState s = Machines.small();
    Machines.putBytes(s, Buffer.WGT, 0, packed);
    // token rows 16 bytes apart in ACT, accumulator rows 32 bytes apart in ACC
    Machines.putBytes(s, Buffer.ACT, 0, java.util.Arrays.copyOfRange(X, 0, 7));
    Machines.putBytes(s, Buffer.ACT, 16, java.util.Arrays.copyOfRange(X, 7, 14));
    ActionCounters c = new ActionCounters();
    model.execute(new Cfg(NO_DEPS, CfgReg.ACT_ROW_STRIDE_BYTES, 16), s, c);
    model.execute(new Cfg(NO_DEPS, CfgReg.ACC_ROW_STRIDE_BYTES, 32), s, c);
    model.execute(new GemmTernary(NO_DEPS, 0, 0, 0, 2, 2, 7, Packing.BASE3, false), s, c);
    assertArrayEquals(new int[] {-14, 111}, Machines.acc(s, 0, 2));
    assertArrayEquals(new int[] {2, 10}, Machines.acc(s, 32, 2));
    assertEquals(0, Machines.acc(s, 8, 1)[0]); // the gap between accumulator rows is untouched
  }

  @Test
  void signBitsReadsBinaryWeightsOneBitEachAndRejectsSetPaddingBits() {
    // WB [2][7] = [[+1, -1, -1, +1, -1, +1, +1], [-1, -1, -1, -1, +1, +1, +1]]: bits LSB first
    // row 0: 1,0,0,1,0,1,1 -> 0b1101001 = 0x69; row 1: 0,0,0,0,1,1,1 -> 0x70
    MachineState s = loaded(Packing.SIGN_BITS, new byte[] {0x69, 0x70});
    ActionCounters c = new ActionCounters();
    model.execute(new GemmTernary(NO_DEPS, 64, 128, 0, 2, 2, 7, Packing.SIGN_BITS, false), s, c);
    // token 0: row 0 = 3 - 5 + 7 + 2 - 10 - 4 + 100 = 93, row 1 = -3 - 5 + 7 - 2 + 10 - 4 + 100 = 103
    // token 1: row 0 = 0 - 1 - 0 + 2 - 3 + 4 + 5 = 7, row 1 = 0 - 1 - 0 - 2 + 3 + 4 + 5 = 9
    assertArrayEquals(new int[] {93, 103, 7, 9}, Machines.acc(s, 0, 4));
    // binary weights never skip: 2 tokens x (8 plus, 6 minus, 0 zero weights)
    assertEquals(0, c.snapshot().macArray().skips());
    Machines.putBytes(s, Buffer.WGT, 64, new byte[] {(byte) 0xE9, 0x70}); // bit 7 of row 0 is padding past k = 7
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.execute(new GemmTernary(NO_DEPS, 64, 128, 0, 2, 2, 7, Packing.SIGN_BITS, false), s, c));
    assertTrue(e.getMessage().contains("padding bits 0"), e.getMessage());
  }

  @Test
  void timingOnlyCountsShapesAndLeavesSignsUnknown() {
    ActionCounters c = new ActionCounters();
    MachineState s = Machines.small();
    model.count(new GemmTernary(NO_DEPS, 0, 0, 0, 3, 5, 7, Packing.TWO_BIT, true), s, c);
    ActionCounts n = c.snapshot();
    assertEquals(105, n.macArray().pairs());
    assertEquals(CountSource.UNKNOWN, n.macArray().source());
    assertEquals(5L * 2, n.traffic().sramReadBytes(Buffer.WGT));
    // The mapper's histogram resolves them exactly: 3 tokens x (15 plus, 10 minus, 10 zero weights)
    TernaryPairCounts resolved = n.macArray().resolvedBy(new WeightTileStats(15, 10, 10), 3);
    assertEquals(new TernaryPairCounts(105, 45, 30, 30, 0, CountSource.WEIGHT_HISTOGRAM), resolved);
    assertThrows(IllegalArgumentException.class, () -> n.macArray().resolvedBy(new WeightTileStats(15, 10, 9), 3));
  }

  @Test
  void outOfRangeOperandsAreRejectedBeforeAnyWrite() {
    MachineState s = Machines.small();
    ActionCounters c = new ActionCounters();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.execute(new GemmTernary(NO_DEPS, (1 << 16) - 1, 0, 0, 1, 2, 8, Packing.TWO_BIT, false), s, c));
    assertTrue(e.getMessage().contains("GEMM.T") && e.getMessage().contains("WGT"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> model.execute(new GemmTernary(NO_DEPS, 0, 0, 2, 1, 2, 8, Packing.TWO_BIT, false), s, c)); // misaligned ACC
    assertThrows(IllegalArgumentException.class,
        () -> model.execute(new GemmTernary(NO_DEPS, 0, 0, 0, 1, 2, 8, Packing.LUT_G3, false), s, c));
    assertEquals(0, c.snapshot().macArray().pairs());
  }
}
