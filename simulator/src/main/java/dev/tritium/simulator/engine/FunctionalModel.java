package dev.tritium.simulator.engine;

import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmF16;
import dev.tritium.isa.GemmInt8;
import dev.tritium.isa.GemmQ2;
import dev.tritium.isa.GemmSf;
import dev.tritium.isa.GemmIw;
import dev.tritium.isa.QuantIg;
import dev.tritium.isa.GemmBp;
import dev.tritium.isa.QuantBp;
import dev.tritium.isa.LutBuildBp;
import dev.tritium.isa.LutGemmBp;
import dev.tritium.isa.GemmSparse;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.InstructionVisitor;
import dev.tritium.isa.Load;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutBuildF16;
import dev.tritium.isa.LutGemm;
import dev.tritium.isa.LutGemmF16;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.Vec;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.memory.MachineState;
import dev.tritium.simulator.unit.dma.DmaUnit;
import dev.tritium.simulator.unit.lut.LutCoreUnit;
import dev.tritium.simulator.unit.lut.LutBitPlaneUnit;
import dev.tritium.simulator.unit.lut.LutFloatUnit;
import dev.tritium.simulator.unit.mac.Int8GemmUnit;
import dev.tritium.simulator.unit.mac.CodeGemmUnit;
import dev.tritium.simulator.unit.mac.IntGemmUnit;
import dev.tritium.simulator.unit.mac.BitPlaneGemmUnit;
import dev.tritium.simulator.unit.vector.BitPlaneQuantUnit;
import dev.tritium.simulator.unit.mac.SignGemmUnit;
import dev.tritium.simulator.unit.vector.F16GemmUnit;
import dev.tritium.simulator.unit.sparse.SparseGemmUnit;
import dev.tritium.simulator.unit.mac.TernaryGemmUnit;
import dev.tritium.simulator.unit.mac.ZeroWeights;
import dev.tritium.simulator.unit.vector.IntGridQuantUnit;
import dev.tritium.simulator.unit.vector.VectorOpsUnit;

/**
 * The simulator's own value semantics of every instruction: {@link #execute} computes the values in
 * {@link MachineState} and counts every action exactly; {@link #count} is the timing-only path, which
 * applies CFG writes and counts everything that does not depend on values (ternary adds/subs/skips
 * stay unknown until resolved with weight histograms, see {@link dev.tritium.simulator.functional.TernaryPairCounts#resolvedBy}).
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
  private final LutBitPlaneUnit lutBitPlane = new LutBitPlaneUnit();
  private final LutFloatUnit lutFloat = new LutFloatUnit();
  private final Int8GemmUnit int8 = new Int8GemmUnit();
  private final F16GemmUnit f16 = new F16GemmUnit();
  private final SignGemmUnit signGemm = new SignGemmUnit();
  private final CodeGemmUnit codeGemm = new CodeGemmUnit();
  private final IntGemmUnit intGemm = new IntGemmUnit();
  private final IntGridQuantUnit gridQuant = new IntGridQuantUnit();
  private final BitPlaneGemmUnit bitPlaneGemm = new BitPlaneGemmUnit();
  private final BitPlaneQuantUnit bitPlaneQuant = new BitPlaneQuantUnit();
  private final SparseGemmUnit sparse = new SparseGemmUnit();
  private final VectorOpsUnit vector = new VectorOpsUnit();

  /** Executes one instruction on the values. */
  public void execute(Instruction ins, MachineState state, ActionCounters counters) {
    ins.accept(new Values(state, counters));
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
    ins.accept(new Counts(state, counters));
  }

  /**
   * What both modes do alike: CFG writes its register; SYNC, FINISH and the LOOP configuration records change
   * no values; an unexpanded LOOP.GEMM is a caller error.
   */
  private abstract static class Control implements InstructionVisitor<Void> {
    final MachineState state;
    final ActionCounters counters;

    Control(MachineState state, ActionCounters counters) {
      this.state = state;
      this.counters = counters;
    }

    @Override
    public Void visitCfg(Cfg c) {
      state.setCfg(c.reg(), c.value());
      return null;
    }

    @Override
    public Void visitSync(Sync in) {
      return null;
    }

    @Override
    public Void visitFinish(Finish in) {
      return null;
    }

    @Override
    public Void visitLoopWeights(LoopWeights in) {
      return null;
    }

    @Override
    public Void visitLoopBounds(LoopBounds in) {
      return null;
    }

    @Override
    public Void visitLoopGemm(LoopGemm in) {
      throw new IllegalArgumentException("LOOP.GEMM reached the functional model unexpanded; "
          + "stream LoopExpander's explicit instructions instead");
    }
  }

  /** Functional mode: every value computed, every action counted. */
  private final class Values extends Control {
    Values(MachineState state, ActionCounters counters) {
      super(state, counters);
    }

    @Override
    public Void visitLoad(Load l) {
      dma.load(l, state, counters);
      return null;
    }

    @Override
    public Void visitStore(Store s) {
      dma.store(s, state, counters);
      return null;
    }

    @Override
    public Void visitGemmTernary(GemmTernary g) {
      macArray.execute(g, state, counters);
      return null;
    }

    @Override
    public Void visitLutBuild(LutBuild b) {
      lutCore.build(b, state, counters);
      return null;
    }

    @Override
    public Void visitLutGemm(LutGemm q) {
      lutCore.gemm(q, state, counters);
      return null;
    }

    @Override
    public Void visitLutBuildBp(LutBuildBp b) {
      lutBitPlane.build(b, state, counters);
      return null;
    }

    @Override
    public Void visitLutGemmBp(LutGemmBp q) {
      lutBitPlane.gemm(q, state, counters);
      return null;
    }

    @Override
    public Void visitGemmInt8(GemmInt8 g) {
      int8.execute(g, state, counters);
      return null;
    }

    @Override
    public Void visitGemmF16(GemmF16 g) {
      f16.execute(g, state, counters);
      return null;
    }

    @Override
    public Void visitGemmSf(GemmSf g) {
      signGemm.execute(g, state, counters);
      return null;
    }

    @Override
    public Void visitGemmQ2(GemmQ2 g) {
      codeGemm.execute(g, state, counters);
      return null;
    }

    @Override
    public Void visitGemmIw(GemmIw g) {
      intGemm.execute(g, state, counters);
      return null;
    }

    @Override
    public Void visitQuantIg(QuantIg q) {
      gridQuant.execute(q, state, counters);
      return null;
    }

    @Override
    public Void visitGemmBp(GemmBp g) {
      bitPlaneGemm.execute(g, state, counters);
      return null;
    }

    @Override
    public Void visitQuantBp(QuantBp q) {
      bitPlaneQuant.execute(q, state, counters);
      return null;
    }

    @Override
    public Void visitLutBuildF16(LutBuildF16 b) {
      lutFloat.build(b, state, counters);
      return null;
    }

    @Override
    public Void visitLutGemmF16(LutGemmF16 q) {
      lutFloat.gemm(q, state, counters);
      return null;
    }

    @Override
    public Void visitGemmSparse(GemmSparse g) {
      sparse.execute(g, state, counters);
      return null;
    }

    @Override
    public Void visitVec(Vec v) {
      vector.execute(v, state, counters);
      return null;
    }
  }

  /** Timing-only mode: the value-independent actions counted, CFG applied, no values touched. */
  private final class Counts extends Control {
    Counts(MachineState state, ActionCounters counters) {
      super(state, counters);
    }

    @Override
    public Void visitLoad(Load l) {
      dma.count(l, state.target(), counters);
      return null;
    }

    @Override
    public Void visitStore(Store s) {
      dma.count(s, state.target(), counters);
      return null;
    }

    @Override
    public Void visitGemmTernary(GemmTernary g) {
      macArray.count(g, counters);
      return null;
    }

    @Override
    public Void visitLutBuild(LutBuild b) {
      lutCore.count(b, counters);
      return null;
    }

    @Override
    public Void visitLutGemm(LutGemm q) {
      lutCore.count(q, state, counters);
      return null;
    }

    @Override
    public Void visitLutBuildBp(LutBuildBp b) {
      lutBitPlane.count(b, counters);
      return null;
    }

    @Override
    public Void visitLutGemmBp(LutGemmBp q) {
      lutBitPlane.count(q, counters);
      return null;
    }

    @Override
    public Void visitGemmInt8(GemmInt8 g) {
      int8.count(g, counters);
      return null;
    }

    @Override
    public Void visitGemmF16(GemmF16 g) {
      f16.count(g, counters);
      return null;
    }

    @Override
    public Void visitGemmSf(GemmSf g) {
      signGemm.count(g, state.cfg(CfgReg.SF_GATE) != 0, counters);
      return null;
    }

    @Override
    public Void visitGemmQ2(GemmQ2 g) {
      codeGemm.count(g, counters);
      return null;
    }

    @Override
    public Void visitGemmIw(GemmIw g) {
      intGemm.count(g, counters);
      return null;
    }

    @Override
    public Void visitQuantIg(QuantIg q) {
      gridQuant.count(q, counters);
      return null;
    }

    @Override
    public Void visitGemmBp(GemmBp g) {
      bitPlaneGemm.count(g, counters);
      return null;
    }

    @Override
    public Void visitQuantBp(QuantBp q) {
      bitPlaneQuant.count(q, counters);
      return null;
    }

    @Override
    public Void visitLutBuildF16(LutBuildF16 b) {
      lutFloat.count(b, counters);
      return null;
    }

    @Override
    public Void visitLutGemmF16(LutGemmF16 q) {
      lutFloat.count(q, state, counters);
      return null;
    }

    @Override
    public Void visitGemmSparse(GemmSparse g) {
      sparse.count(g, state, counters);
      return null;
    }

    @Override
    public Void visitVec(Vec v) {
      vector.count(v, state, counters);
      return null;
    }
  }
}
