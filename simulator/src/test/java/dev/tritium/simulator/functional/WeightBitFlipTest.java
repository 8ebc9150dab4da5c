package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutGemm;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.simulator.engine.FunctionalModel;
import dev.tritium.simulator.memory.MachineState;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The cross-check's mutation tests rely on this: flipping any single bit of a packed weight tile in
 * WGT either changes the accumulators or is rejected as a corrupt code. Activations are one-hot per
 * column residue (token t sees only columns c = t mod 5), so no two changed weights of one packed
 * field can cancel in one token.
 */
class WeightBitFlipTest {

  private final FunctionalModel model = new FunctionalModel();

  @Property(tries = 200, seed = "271828")
  void everyBitOfEveryPackingMatters(@ForAll @IntRange(min = 1, max = 5) int n,
      @ForAll @IntRange(min = 1, max = 40) int k, @ForAll @IntRange(min = 0, max = 6) int which,
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 1 << 20) int bitChoice) {
    Packing p = new Packing[] {Packing.TWO_BIT, Packing.BASE3, Packing.LUT_G2, Packing.LUT_G3, Packing.LUT_G4,
        Packing.LUT_G3_MIRROR, Packing.BIT_PLANES}[which];
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] w = TestPacking.randomTernary(rnd, n * k);
    byte[] packed = switch (p) {
      case TWO_BIT -> TestPacking.packGroups(w, n, k, 1, 2, false);
      case BASE3 -> TestPacking.packGroups(w, n, k, 5, 8, false);
      case LUT_G2 -> TestPacking.packGroups(w, n, k, 2, 4, true);
      case LUT_G3 -> TestPacking.packGroups(w, n, k, 3, 5, true);
      case LUT_G4 -> TestPacking.packGroups(w, n, k, 4, 7, true);
      case BIT_PLANES -> TestPacking.packPlanes(w, n, k);
      default -> TestPacking.packMirror(w, n, k, 3);
    };
    int m = 5;
    byte[] x = new byte[m * k];
    for (int t = 0; t < m; t++) {
      for (int c = t; c < k; c += 5) {
        x[t * k + c] = 1;
      }
    }
    int[] before = run(p, packed, x, m, n, k);
    int bit = bitChoice % (packed.length * 8);
    packed[bit / 8] ^= (byte) (1 << (bit % 8));
    int[] after;
    try {
      after = run(p, packed, x, m, n, k);
    } catch (IllegalArgumentException rejected) {
      return; // detected as corrupt
    }
    assertFalse(Arrays.equals(before, after), "flipping bit " + bit + " of " + p + " went unnoticed");
  }

  private int[] run(Packing p, byte[] packed, byte[] x, int m, int n, int k) {
    MachineState s = p == Packing.BIT_PLANES ? Machines.small(new LutUnit(4, LutVariant.BIT_SERIAL)) : Machines.small();
    Machines.putBytes(s, Buffer.WGT, 0, packed);
    Machines.putBytes(s, Buffer.ACT, 0, x);
    ActionCounters c = new ActionCounters();
    if (p == Packing.TWO_BIT || p == Packing.BASE3) {
      model.execute(new GemmTernary(NO_DEPS, 0, 0, 0, m, n, k, p, false), s, c);
    } else {
      int g = p == Packing.LUT_G2 ? 2 : p == Packing.LUT_G4 || p == Packing.BIT_PLANES ? 4 : 3;
      LutVariant v = p == Packing.LUT_G3_MIRROR ? LutVariant.TERNARY_MIRROR
          : p == Packing.BIT_PLANES ? LutVariant.BIT_SERIAL : LutVariant.TERNARY_BASE3;
      for (Instruction ins : new Instruction[] {new LutBuild(NO_DEPS, 0, 0, m, k, g, v),
          new LutGemm(NO_DEPS, 0, 0, 0, m, n, k, p, false)}) {
        model.execute(ins, s, c);
      }
    }
    return Machines.acc(s, 0, m * n);
  }
}
