package dev.tritium.isa.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Sync;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.validate.ValidationReport;
import dev.tritium.isa.validate.Validator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random loop shapes, alone and chained: the expansion has 2T + 4 instructions, T loads, and is
 * token-correct and race-free by the validator's strict token simulation and overlap lint.
 */
class LoopExpansionProperties {

  static final IsaTarget BIG = new IsaTarget("big", 16 << 20, 16 << 20, 16 << 20, 16 << 20, 16 << 20, 32, 32,
      Optional.of(new LutUnit(3, LutVariant.TERNARY_BASE3)), 64,
      EnumSet.of(Packing.TWO_BIT, Packing.BASE3, Packing.LUT_G3));

  record Shape(LoopBounds bounds, long slotBytes) {}

  static Shape shape(SplittableRandom r) {
    Packing p = List.of(Packing.TWO_BIT, Packing.BASE3, Packing.LUT_G3).get(r.nextInt(3));
    ComputeUnit unit = p == Packing.LUT_G3 ? ComputeUnit.LUT : ComputeUnit.MAC;
    int m = 1 + r.nextInt(4);
    int n = 1 + r.nextInt(300);
    int k = 1 + r.nextInt(600);
    int tileN = 1 + r.nextInt(n);
    int tileK = p.splitWeights() * (1 + r.nextInt(Math.max(1, k / p.splitWeights())));
    LoopBounds b = new LoopBounds(Deps.NONE, m, n, k, tileN, tileK, unit, p);
    return new Shape(b, (long) Math.min(tileN, n) * p.packedRowBytes(Math.min(tileK, k)));
  }

  static long tiles(LoopBounds b) {
    return ((b.n() + b.tileN() - 1) / b.tileN()) * (long) ((b.k() + b.tileK() - 1) / b.tileK());
  }

  @Property(tries = 150, seed = "31")
  void aSingleLoopIsTokenCorrectAndRaceFree(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Shape s = shape(r);
    LoopBounds b = s.bounds();
    List<Instruction> p = List.of(
        new LoopWeights(Deps.NONE, 0, b.packing().packedRowBytes(b.k()) + r.nextInt(3), 0, s.slotBytes()),
        b,
        new LoopGemm(Deps.NONE, 0, 0, 0, r.nextBoolean(), false, false),
        new Finish(Deps.NONE));
    ValidationReport report = Validator.validate(p, BIG, Validator.Options.STRICT);
    assertEquals(List.of(), report.findings());
    long t = tiles(b);
    assertEquals(1 + 2 * t + 4, report.expandedInstructions());
    assertEquals(t, LoopExpander.expand(p).stream().filter(i -> i instanceof Load).count());
  }

  @Property(tries = 100, seed = "32")
  void chainedLoopsFollowingTheSlotSwapRuleAreRaceFree(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Instruction> p = new ArrayList<>();
    long slot0 = 0;
    long slot1 = 1 << 20;
    int loops = 2 + r.nextInt(3);
    for (int i = 0; i < loops; i++) {
      Shape s = shape(r);
      // Chaining hands over min(T, 2) tokens: keep T >= 2 so both neighbours agree on the count.
      LoopBounds b = s.bounds();
      if (tiles(b) < 2) {
        b = new LoopBounds(Deps.NONE, b.m(), Math.max(2, b.n()), b.k(), 1, b.tileK(), b.unit(), b.packing());
      }
      p.add(new LoopWeights(Deps.NONE, (long) i << 24, b.packing().packedRowBytes(b.k()), slot0, slot1));
      p.add(b);
      p.add(new LoopGemm(Deps.NONE, 0, (long) i << 20, 0, false, i > 0, i < loops - 1));
      if (tiles(b) % 2 == 1) {
        long tmp = slot0;
        slot0 = slot1;
        slot1 = tmp;
      }
    }
    p.add(new Sync(Deps.NONE, Queue.COMPUTE));
    p.add(new Finish(Deps.NONE));
    assertEquals(List.of(), Validator.validate(p, BIG, Validator.Options.STRICT).findings());
  }
}
