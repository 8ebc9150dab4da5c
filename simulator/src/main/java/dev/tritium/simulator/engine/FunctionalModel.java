package dev.tritium.simulator.engine;

import dev.tritium.isa.Cfg;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmInt8;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutGemm;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.Vec;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.memory.MachineState;
import dev.tritium.simulator.unit.dma.DmaUnit;
import dev.tritium.simulator.unit.lut.LutCoreUnit;
import dev.tritium.simulator.unit.mac.Int8GemmUnit;
import dev.tritium.simulator.unit.mac.TernaryGemmUnit;
import dev.tritium.simulator.unit.mac.ZeroWeights;
import dev.tritium.simulator.unit.vector.VectorOpsUnit;

/**
 * The simulator's own value semantics of every instruction: {@link #execute} computes the values in
 * {@link MachineState} and counts every action exactly; {@link #count} is the timing-only path, which
 * applies CFG writes and counts everything that does not depend on values (ternary adds/subs/skips
 * stay unknown until resolved with weight histograms, see {@link TernaryPairCounts#resolvedBy}).
 *
 * <p>The engine calls these in a legal execution order (each queue in program order, across queues as
 * the tokens allow) and with LOOP.GEMM already expanded. A bad operand throws
 * {@link IllegalArgumentException} naming the mnemonic, operand and byte range before any state
 * changes; the caller prefixes the instruction index. Independent of the reference engine by design.
 * Not thread-safe: use one instance per simulation.
 */
public final class FunctionalModel {

  private final DmaUnit dma = new DmaUnit();
  private final TernaryGemmUnit macArray = new TernaryGemmUnit();
  private final LutCoreUnit lutCore = new LutCoreUnit();
  private final Int8GemmUnit int8 = new Int8GemmUnit();
  private final VectorOpsUnit vector = new VectorOpsUnit();

  /** Executes one instruction on the values. */
  public void execute(Instruction ins, MachineState state, ActionCounters counters) {
    if (ins instanceof Load l) {
      dma.load(l, state, counters);
    } else if (ins instanceof Store s) {
      dma.store(s, state, counters);
    } else if (ins instanceof GemmTernary g) {
      macArray.execute(g, state, counters);
    } else if (ins instanceof LutBuild b) {
      lutCore.build(b, state, counters);
    } else if (ins instanceof LutGemm q) {
      lutCore.gemm(q, state, counters);
    } else if (ins instanceof GemmInt8 g) {
      int8.execute(g, state, counters);
    } else if (ins instanceof Vec v) {
      vector.execute(v, state, counters);
    } else {
      control(ins, state);
    }
  }

  /**
   * Which weights of a GEMM.T tile are zero, from the packed bytes now in WGT (for a MAC array that
   * skips zero folds or streamed vectors in time). A snapshot: later writes to WGT do not change it.
   */
  public ZeroWeights zeroWeights(GemmTernary g, MachineState state) {
    return macArray.zeroWeights(g, state);
  }

  /** Counts one instruction without touching values (timing-only mode). */
  public void count(Instruction ins, MachineState state, ActionCounters counters) {
    if (ins instanceof Load l) {
      dma.count(l, counters);
    } else if (ins instanceof Store s) {
      dma.count(s, counters);
    } else if (ins instanceof GemmTernary g) {
      macArray.count(g, counters);
    } else if (ins instanceof LutBuild b) {
      lutCore.count(b, counters);
    } else if (ins instanceof LutGemm q) {
      lutCore.count(q, state, counters);
    } else if (ins instanceof GemmInt8 g) {
      int8.count(g, counters);
    } else if (ins instanceof Vec v) {
      vector.count(v, state, counters);
    } else {
      control(ins, state);
    }
  }

  /** CFG writes its register; SYNC, FINISH and the LOOP configuration records change no values. */
  private static void control(Instruction ins, MachineState state) {
    if (ins instanceof Cfg c) {
      state.setCfg(c.reg(), c.value());
    } else if (ins instanceof LoopGemm) {
      throw new IllegalArgumentException("LOOP.GEMM reached the functional model unexpanded; "
          + "stream LoopExpander's explicit instructions instead");
    } else if (!(ins instanceof Sync || ins instanceof Finish || ins instanceof LoopWeights
        || ins instanceof LoopBounds)) {
      throw new IllegalStateException("no functional semantics for " + ins.mnemonic());
    }
  }
}
