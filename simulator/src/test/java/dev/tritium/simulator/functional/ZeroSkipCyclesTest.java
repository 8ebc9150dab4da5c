package dev.tritium.simulator.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Packing;
import dev.tritium.simulator.engine.FunctionalModel;
import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.isa.LutVariant;
import dev.tritium.simulator.unit.mac.ZeroSkip;
import dev.tritium.simulator.engine.Engine;
import dev.tritium.simulator.engine.EngineOptions;
import dev.tritium.simulator.engine.FunctionalValueSemantics;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.memory.MachineState;
import dev.tritium.simulator.stats.SimulationStats;
import dev.tritium.simulator.unit.dma.DmaEngine;
import dev.tritium.simulator.unit.dram.DramChannel;
import dev.tritium.simulator.unit.lut.LutTensorCore;
import dev.tritium.simulator.unit.sram.SramBuffer;
import dev.tritium.simulator.unit.mac.TernaryMacArray;
import dev.tritium.simulator.unit.vector.VectorUnit;
import dev.tritium.simulator.unit.mac.ZeroWeights;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * zero_skip: cycles end to end: the engine asks {@link FunctionalValueSemantics} which weight blocks of a
 * GEMM.T are zero, answered from the packed bytes in WGT, and the 4 x 4 array drops those folds / streamed
 * vectors; the accumulators are the same integers in every mode.
 */
class ZeroSkipCyclesTest {

  private static final int M = 2;
  private static final int N = 8;
  private static final int K = 8;

  /**
   * W [8][8]: +-1 (seeded) except two zero 4 x 4 blocks, outputs 0-3 x inputs 4-7 and outputs 4-7 x
   * inputs 0-3, plus a lone zero that empties no block.
   */
  private static byte[] weights() {
    SplittableRandom rnd = new SplittableRandom(20261123);
    byte[] w = new byte[N * K];
    for (int n = 0; n < N; n++) {
      for (int k = 0; k < K; k++) {
        boolean zeroBlock = (n < 4) == (k >= 4);
        w[n * K + k] = zeroBlock ? 0 : (byte) (rnd.nextBoolean() ? 1 : -1);
      }
    }
    w[0] = 0;
    return w;
  }

  private static Machine machine(Dataflow df, ZeroSkip zs, boolean doubleBuffer) {
    DramChannel dram = new DramChannel(64, 10, 64, 1000);
    Map<Buffer, SramBuffer> buffers = new EnumMap<>(Buffer.class);
    for (Buffer b : Buffer.values()) {
      buffers.put(b, new SramBuffer(b.name(), 1 << 16, 8, 2, 512));
    }
    return new Machine(1000, dram, new DmaEngine("dma_load", 0, 1, 64, dram),
        new DmaEngine("dma_store", 0, 1, 64, dram), buffers, new TernaryMacArray(4, 4, df, zs, doubleBuffer),
        new LutTensorCore(3, LutVariant.TERNARY_BASE3, 16, 1, 4, 4, 4), new VectorUnit(16, 2, 1));
  }

  private record Run(long cycles, int[] acc) {}

  private static Run run(Dataflow df, ZeroSkip zs, boolean doubleBuffer, byte[] w, byte[] x) {
    MachineState state = Machines.small();
    Machines.putBytes(state, Buffer.WGT, 0, TestPacking.packGroups(w, N, K, 1, 2, false));
    Machines.putBytes(state, Buffer.ACT, 0, x);
    List<Instruction> program = List.of(
        new GemmTernary(Machines.NO_DEPS, 0, 0, 0, M, N, K, Packing.TWO_BIT, false), new Finish(Machines.NO_DEPS));
    ActionCounters counters = new ActionCounters();
    EngineOptions options = EngineOptions.timingOnly()
        .withValues(FunctionalValueSemantics.functional(state, counters));
    SimulationStats s = new Engine(machine(df, zs, doubleBuffer), options).run(program);
    assertEquals(s.totalCycles(), s.unit("mac_array").busyCycles(), "operands never slower than compute here");
    return new Run(s.totalCycles(), Machines.acc(state, 0, M * N));
  }

  /**
   * Hand-computed, m=2, n=k=8 on 4 x 4. WS: 2 x 2 folds, T = 2; two folds are all zero. Serialised
   * 4 x (8 + 4 + 2 - 2) = 48 -> 2 x 12 = 24; double-buffered 4 + 3 max(2, 4) + (2 + 4 + 4 - 2) = 24 ->
   * 4 + 4 + 8 = 16. OS (1 x 2 folds, T = k = 8) and IS (2 x 1 folds, T = n = 8): each fold streams 4
   * all-zero weight vectors (OS: k steps zero over its 4 outputs; IS: output rows zero over its 4
   * inputs). Serialised 2 x (8 + 4 + 8 - 2) = 36 -> 36 - 8 = 28; double-buffered
   * 4 + max(8, 4) + (8 + 4 + 4 - 2) = 26 -> 4 + max(4, 4) + (4 + 4 + 4 - 2) = 18.
   */
  @ParameterizedTest
  @CsvSource({
      "WS, false, 48, 24", "WS, true, 24, 16",
      "OS, false, 36, 28", "OS, true, 26, 18",
      "IS, false, 36, 28", "IS, true, 26, 18"})
  void zeroBlocksSkipCyclesOnlyInCyclesModeAndValuesStayExact(Dataflow df, boolean doubleBuffer,
      long fullCycles, long skippedCycles) {
    byte[] w = weights();
    byte[] x = TestPacking.randomInt8(new SplittableRandom(7), M * K);
    int[] expected = TestPacking.naiveProduct(w, x, M, N, K);
    Run cycles = run(df, ZeroSkip.CYCLES, doubleBuffer, w, x);
    Run energy = run(df, ZeroSkip.ENERGY, doubleBuffer, w, x);
    Run none = run(df, ZeroSkip.NONE, doubleBuffer, w, x);
    assertEquals(skippedCycles, cycles.cycles());
    assertEquals(fullCycles, energy.cycles());
    assertEquals(fullCycles, none.cycles());
    assertArrayEquals(expected, cycles.acc());
    assertArrayEquals(expected, energy.acc());
    assertArrayEquals(expected, none.acc());
  }

  /** Without the zero blocks nothing is skipped: the lone zero weight empties no fold or vector. */
  @Test
  void aTileWithoutZeroBlocksSkipsNothing() {
    byte[] w = weights();
    for (int n = 0; n < N; n++) {
      for (int k = 0; k < K; k++) {
        if ((n < 4) == (k >= 4)) {
          w[n * K + k] = -1;
        }
      }
    }
    byte[] x = TestPacking.randomInt8(new SplittableRandom(8), M * K);
    assertEquals(48, run(Dataflow.WS, ZeroSkip.CYCLES, false, w, x).cycles());
    assertEquals(36, run(Dataflow.OS, ZeroSkip.CYCLES, false, w, x).cycles());
    assertArrayEquals(TestPacking.naiveProduct(w, x, M, N, K), run(Dataflow.IS, ZeroSkip.CYCLES, false, w, x).acc());
  }

  /** The map decodes base-3 too (5 weights per byte), and answers block by block. */
  @Test
  void zeroWeightsFromBase3Bytes() {
    byte[] w = weights();
    MachineState state = Machines.small();
    Machines.putBytes(state, Buffer.WGT, 64, TestPacking.packGroups(w, N, K, 5, 8, false));
    ZeroWeights z = new FunctionalModel().zeroWeights(
        new GemmTernary(Machines.NO_DEPS, 64, 0, 0, M, N, K, Packing.BASE3, false), state);
    assertTrue(z.allZero(0, 4, 4, 8));
    assertTrue(z.allZero(4, 8, 0, 4));
    assertTrue(z.allZero(0, 1, 0, 1));
    assertFalse(z.allZero(0, 2, 0, 1));
    assertFalse(z.allZero(0, 8, 0, 8));
    // A snapshot: overwriting WGT afterwards does not change the answer.
    Machines.putBytes(state, Buffer.WGT, 64, new byte[32]);
    assertTrue(z.allZero(0, 4, 4, 8));
  }

  /** Timing-only semantics know no weight values, so they skip nothing (and still count). */
  @Test
  void countingSemanticsKnowNoZeros() {
    MachineState state = Machines.small();
    ActionCounters counters = new ActionCounters();
    FunctionalValueSemantics counting = FunctionalValueSemantics.counting(state, counters);
    GemmTernary g = new GemmTernary(Machines.NO_DEPS, 0, 0, 0, M, N, K, Packing.TWO_BIT, false);
    assertEquals(ZeroWeights.NONE, counting.zeroWeights(g));
    counting.execute(g);
    assertEquals((long) M * N * K, counters.snapshot().macArray().pairs());
  }
}
