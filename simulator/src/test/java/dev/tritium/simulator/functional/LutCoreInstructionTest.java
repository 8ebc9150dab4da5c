package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutGemm;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.simulator.engine.FunctionalModel;
import dev.tritium.simulator.memory.MachineState;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LutCoreInstructionTest {

  private final FunctionalModel model = new FunctionalModel();

  @Test
  void fullTableG2HandComputed() {
    MachineState s = Machines.small();
    Machines.putBytes(s, Buffer.ACT, 0, new byte[] {5, 7, -2});
    ActionCounters c = new ActionCounters();
    model.execute(new LutBuild(NO_DEPS, 0, 0, 1, 3, 2, LutVariant.TERNARY_BASE3), s, c);
    // index e = 3 t0 + t1 (t = w + 1): entries w0*x0 + w1*x1 over (w0, w1) in MSF order
    assertArrayEquals(new short[] {-12, -5, 2, -7, 0, 7, -2, 5, 12}, Machines.lutTable(s, 0, 9));
    // group 1 = (x2 = -2, padding 0): -(-2) for w0 = -1 ...
    assertArrayEquals(new short[] {2, 2, 2, 0, 0, 0, -2, -2, -2}, Machines.lutTable(s, 18, 9));
    LutCoreCounts n = c.snapshot().lut();
    assertEquals(new LutCoreCounts(2 * 8, 2 * 9, 0, 0), n);
    assertEquals(36L, c.snapshot().traffic().sramWrittenBytes(Buffer.LUT));
  }

  @Test
  void mirrorAndBitSerialTablesHandComputed() {
    MachineState s = Machines.small();
    Machines.putBytes(s, Buffer.ACT, 0, new byte[] {1, 10, 100});
    model.execute(new LutBuild(NO_DEPS, 0, 0, 1, 3, 3, LutVariant.TERNARY_MIRROR), s, new ActionCounters());
    // entry e = sum for balanced value v = 9 w0 + 3 w1 + w2 = +e
    // v = 8 is (1, 0, -1): 1 - 100; v = 11 is (1, 1, -1): 1 + 10 - 100
    assertArrayEquals(new short[] {0, 100, -90, 10, 110, -109, -9, 91, -99, 1, 101, -89, 11, 111}, Machines.lutTable(s, 0, 14));
    model.execute(new LutBuild(NO_DEPS, 0, 64, 1, 3, 3, LutVariant.BIT_SERIAL), s, new ActionCounters());
    assertArrayEquals(new short[] {0, 1, 10, 11, 100, 101, 110, 111}, Machines.lutTable(s, 64, 8));
  }

  @Test
  void lutGemmHandComputedWithAccumulate() {
    MachineState s = Machines.small();
    byte[] x = {5, 7, -2};
    byte[] w = {1, -1, 0, /* row 1 */ -1, 1, 1};
    Machines.putBytes(s, Buffer.ACT, 0, x);
    Machines.putBytes(s, Buffer.WGT, 0, TestPacking.packGroups(w, 2, 3, 2, 4, true));
    s.buffer(Buffer.ACC).writeInt32s(0, new int[] {1000, 2000});
    ActionCounters c = new ActionCounters();
    model.execute(new LutBuild(NO_DEPS, 0, 0, 1, 3, 2, LutVariant.TERNARY_BASE3), s, c);
    model.execute(new LutGemm(NO_DEPS, 0, 0, 0, 1, 2, 3, Packing.LUT_G2, true), s, c);
    assertArrayEquals(new int[] {1000 + 5 - 7, 2000 - 5 + 7 - 2}, Machines.acc(s, 0, 2));
    ActionCounts n = c.snapshot();
    assertEquals(new TernaryPairCounts(6, 3, 2, 1, 0, CountSource.EXECUTED), n.lutPairs());
    assertEquals(4, n.lut().lookups()); // 1 token x 2 rows x 2 groups
    assertEquals(8L, n.traffic().sramReadBytes(Buffer.LUT));
  }

  @Test
  void bitPlanesGemmHandComputedWithAccumulate() {
    MachineState s = Machines.small(new LutUnit(2, LutVariant.BIT_SERIAL));
    Machines.putBytes(s, Buffer.ACT, 0, new byte[] {5, 7, -2});
    // row 0 w = 1,-1,0 -> t = 2,0,1: plane 0 = 0b11111100 (columns 3..7 are padding t = 1), plane 1 = 0b001
    // row 1 w = -1,1,1 -> t = 0,2,2: plane 0 = 0b11111000, plane 1 = 0b110
    byte[] packed = {(byte) 0xFC, 0x01, (byte) 0xF8, 0x06};
    assertArrayEquals(TestPacking.packPlanes(new byte[] {1, -1, 0, -1, 1, 1}, 2, 3), packed);
    Machines.putBytes(s, Buffer.WGT, 0, packed);
    s.buffer(Buffer.ACC).writeInt32s(0, new int[] {1000, 2000});
    ActionCounters c = new ActionCounters();
    model.execute(new LutBuild(NO_DEPS, 0, 0, 1, 3, 2, LutVariant.BIT_SERIAL), s, c);
    // subset sums: group 0 (5, 7) = 0, 5, 7, 12; group 1 (-2, padding 0) = 0, -2, 0, -2
    assertArrayEquals(new short[] {0, 5, 7, 12, 0, -2, 0, -2}, Machines.lutTable(s, 0, 8));
    ActionCounts built = c.snapshot();
    model.execute(new LutGemm(NO_DEPS, 0, 0, 0, 1, 2, 3, Packing.BIT_PLANES, true), s, c);
    // row 0: 2*T0[0b01] + T0[0b00] + 2*T1[0b0] + T1[0b1] - (12 - 2) = 10 + 0 + 0 - 2 - 10 = -2 (= 5 - 7)
    // row 1: 2*T0[0b10] + T0[0b00] + 2*T1[0b1] + T1[0b0] - 10 = 14 + 0 - 4 + 0 - 10 = 0 (= -5 + 7 - 2)
    assertArrayEquals(new int[] {1000 - 2, 2000 + 0}, Machines.acc(s, 0, 2));
    ActionCounts n = c.snapshot();
    assertEquals(new TernaryPairCounts(6, 3, 2, 1, 0, CountSource.EXECUTED), n.lutPairs());
    // 1 token x 2 rows x 2 groups x 2 planes; adds: 8 + 2 (token sum of the 2 groups) + 2 (one per output)
    assertEquals(8, n.lut().lookups());
    assertEquals(12, n.lut().accumulateAdds());
    // 10 int16 reads: 8 lookups + the 2 groups' all-ones entries
    assertEquals(20L, n.traffic().sramReadBytes(Buffer.LUT) - built.traffic().sramReadBytes(Buffer.LUT));
  }

  @Test
  void corruptIndicesAreRejected() {
    MachineState s = Machines.small();
    Machines.putBytes(s, Buffer.WGT, 0, new byte[] {(byte) 0x0f}); // g=2 index 15 >= 9
    assertThrows(IllegalArgumentException.class,
        () -> model.execute(new LutGemm(NO_DEPS, 0, 0, 0, 1, 1, 2, Packing.LUT_G2, false), s, new ActionCounters()));
    // mirror g=3, k=3: magnitude 0 with the sign bit set (byte 1, bit 0)
    Machines.putBytes(s, Buffer.WGT, 0, new byte[] {0, 1});
    assertThrows(IllegalArgumentException.class,
        () -> model.execute(new LutGemm(NO_DEPS, 0, 0, 0, 1, 1, 3, Packing.LUT_G3_MIRROR, false), s,
            new ActionCounters()));
    // bit planes, k = 3: column 0 has both plane bits (code 3); then padding column 7 with code 0
    MachineState planes = Machines.small(new LutUnit(2, LutVariant.BIT_SERIAL));
    for (byte[] row : new byte[][] {{(byte) 0xF9, 0x01}, {(byte) 0x7C, 0x01}}) {
      Machines.putBytes(planes, Buffer.WGT, 0, row);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> model.execute(new LutGemm(NO_DEPS, 0, 0, 0, 1, 1, 3, Packing.BIT_PLANES, false), planes,
              new ActionCounters()));
      assertTrue(e.getMessage().contains("code 3") || e.getMessage().contains("padding column 7"), e.getMessage());
    }
  }

  /** LUT.BUILD + LUT.GEMM equals GEMM.T on the same weights, for every LUT packing. */
  @Property(tries = 40, seed = "314159")
  void lutPathEqualsMacArrayPath(@ForAll @IntRange(min = 1, max = 4) int m,
      @ForAll @IntRange(min = 1, max = 6) int n, @ForAll @IntRange(min = 1, max = 70) int k,
      @ForAll @IntRange(min = 0, max = 4) int which, @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] w = TestPacking.randomTernary(rnd, n * k);
    byte[] x = TestPacking.randomInt8(rnd, m * k);
    Packing p = new Packing[] {Packing.LUT_G2, Packing.LUT_G3, Packing.LUT_G4, Packing.LUT_G3_MIRROR,
        Packing.BIT_PLANES}[which];
    int g = p == Packing.LUT_G2 ? 2 : p == Packing.LUT_G4 || p == Packing.BIT_PLANES ? 4 : 3;
    byte[] lutPacked = switch (p) {
      case LUT_G2 -> TestPacking.packGroups(w, n, k, 2, 4, true);
      case LUT_G3 -> TestPacking.packGroups(w, n, k, 3, 5, true);
      case LUT_G4 -> TestPacking.packGroups(w, n, k, 4, 7, true);
      case BIT_PLANES -> TestPacking.packPlanes(w, n, k);
      default -> TestPacking.packMirror(w, n, k, 3);
    };
    LutVariant variant = p == Packing.LUT_G3_MIRROR ? LutVariant.TERNARY_MIRROR
        : p == Packing.BIT_PLANES ? LutVariant.BIT_SERIAL : LutVariant.TERNARY_BASE3;
    MachineState s = Machines.small(new LutUnit(g, variant));
    Machines.putBytes(s, Buffer.ACT, 0, x);
    Machines.putBytes(s, Buffer.WGT, 0, lutPacked);
    Machines.putBytes(s, Buffer.WGT, 8192, TestPacking.packGroups(w, n, k, 1, 2, false));
    ActionCounters lutCounters = new ActionCounters();
    model.execute(new LutBuild(NO_DEPS, 0, 0, m, k, g, variant), s, lutCounters);
    model.execute(new LutGemm(NO_DEPS, 0, 0, 0, m, n, k, p, false), s, lutCounters);
    ActionCounters macCounters = new ActionCounters();
    model.execute(new GemmTernary(NO_DEPS, 8192, 0, 4096, m, n, k, Packing.TWO_BIT, false), s, macCounters);
    assertArrayEquals(TestPacking.naiveProduct(w, x, m, n, k), Machines.acc(s, 0, m * n));
    assertArrayEquals(Machines.acc(s, 4096, m * n), Machines.acc(s, 0, m * n));
    TernaryPairCounts viaLut = lutCounters.snapshot().lutPairs();
    TernaryPairCounts viaMac = macCounters.snapshot().macArray();
    assertEquals(viaMac.adds(), viaLut.adds());
    assertEquals(viaMac.subs(), viaLut.subs());
    assertEquals(viaMac.skips(), viaLut.skips());
    long groups = (k + g - 1) / g;
    assertEquals((long) m * n * groups * (p == Packing.BIT_PLANES ? 2 : 1), lutCounters.snapshot().lut().lookups());
  }

  /** LUT.BUILD(BIT_SERIAL) + LUT.GEMM(BIT_PLANES) equals the plain dot product for every g, awkward K included. */
  @Property(tries = 60, seed = "161803")
  void bitSerialPathEqualsNaiveProduct(@ForAll @IntRange(min = 1, max = 3) int m,
      @ForAll @IntRange(min = 1, max = 5) int n, @ForAll @IntRange(min = 1, max = 77) int k,
      @ForAll @IntRange(min = 1, max = 7) int g, @ForAll boolean accumulate, @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] w = TestPacking.randomTernary(rnd, n * k);
    byte[] x = TestPacking.randomInt8(rnd, m * k);
    int[] initial = new int[m * n];
    for (int i = 0; i < initial.length; i++) {
      initial[i] = accumulate ? rnd.nextInt(-100_000, 100_000) : 0;
    }
    MachineState s = Machines.small(new LutUnit(g, LutVariant.BIT_SERIAL));
    Machines.putBytes(s, Buffer.ACT, 0, x);
    Machines.putBytes(s, Buffer.WGT, 0, TestPacking.packPlanes(w, n, k));
    s.buffer(Buffer.ACC).writeInt32s(0, initial);
    ActionCounters c = new ActionCounters();
    model.execute(new LutBuild(NO_DEPS, 0, 0, m, k, g, LutVariant.BIT_SERIAL), s, c);
    model.execute(new LutGemm(NO_DEPS, 0, 0, 0, m, n, k, Packing.BIT_PLANES, accumulate), s, c);
    int[] expected = TestPacking.naiveProduct(w, x, m, n, k);
    for (int i = 0; i < expected.length; i++) {
      expected[i] += initial[i];
    }
    assertArrayEquals(expected, Machines.acc(s, 0, m * n));
    long groups = (k + g - 1) / g;
    assertEquals(2L * m * n * groups, c.snapshot().lut().lookups());
    long plus = 0;
    long minus = 0;
    for (byte v : w) {
      plus += v == 1 ? 1 : 0;
      minus += v == -1 ? 1 : 0;
    }
    TernaryPairCounts pairs = c.snapshot().lutPairs();
    assertEquals(m * plus, pairs.adds());
    assertEquals(m * minus, pairs.subs());
    // the timing-only path charges the same counts without the values
    ActionCounters timing = new ActionCounters();
    model.count(new LutGemm(NO_DEPS, 0, 0, 0, m, n, k, Packing.BIT_PLANES, accumulate), s, timing);
    assertEquals(c.snapshot().lut().lookups(), timing.snapshot().lut().lookups());
  }
}
