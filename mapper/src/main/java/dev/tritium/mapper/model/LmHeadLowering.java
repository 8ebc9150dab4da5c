package dev.tritium.mapper.model;

import dev.tritium.common.IntMath;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.GemmInt8;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.program.ProgramBuilder;
import java.util.List;

/**
 * The LM head on the int8 path (GEMM.I8): the tied bf16 embedding matrix is stored a second time as
 * int8 with one per-tensor absmax scale (the only scale VEC.DEQUANT takes), the final normed token
 * is quantized per token, and logits are produced tile by tile: vocabulary rows stream through two
 * ACT slots, GEMM.I8 (m = 1) writes ACC, VEC.DEQUANT writes one of two VEC slots, and a STORE moves
 * the logits to DRAM. Why here: the ternary MAC array and the LUT core only take ternary weights,
 * and the ISA has no fp32 dot-product instruction on the vector unit, so GEMM.I8 is the one unit
 * that can run a dense non-ternary matrix.
 */
public final class LmHeadLowering {

  private LmHeadLowering() {}

  /** Vocabulary rows per tile: two ACT slots after the quantized input, ACC and VEC double slots. */
  public static int tileRows(IsaTarget t, int vocab, int hidden) {
    long byAct = (t.actBytes() - hidden) / (2L * hidden);
    long byAcc = t.accBytes() / 4;
    long byVec = (t.vecBytes() - 8L * hidden) / 8;
    long rows = Math.min(vocab, Math.min(byAct, Math.min(byAcc, byVec)));
    if (rows < 1) {
      throw new IllegalArgumentException("arch '" + t.name() + "': ACT (" + t.actBytes() + " bytes) cannot hold two "
          + hidden + "-byte rows of the LM head plus the quantized input");
    }
    return (int) rows;
  }

  /**
   * The LM head program for the final normed token (already in VEC at address 0, fp32 [1][hidden]).
   *
   * @param weightsDram int8 [vocab][hidden]
   * @param logitsDram fp32 [vocab]
   * @param weightScale the per-tensor int8 scale (1.0 in timing-only runs)
   */
  public static List<Instruction> program(IsaTarget t, int vocab, int hidden, long weightsDram, long logitsDram,
      float weightScale) {
    int rows = tileRows(t, vocab, hidden);
    long xq = 0;
    long slot0 = hidden;
    long slot1 = slot0 + (long) rows * hidden;
    long scales = 4L * hidden;
    long out0 = scales + 64;
    long out1 = out0 + 4L * rows;
    ProgramBuilder pb = new ProgramBuilder();
    pb.add(new Vec(Deps.NONE, VecOp.QUANT, xq, 0, scales, 1, hidden, 0));
    pb.add(Cfg.ofFloat(Deps.NONE, CfgReg.DEQUANT_WEIGHT_SCALE, weightScale));
    int tiles = IntMath.ceilDiv(vocab, rows);
    for (int i = 0; i < tiles; i++) {
      int n0 = i * rows;
      int n = Math.min(rows, vocab - n0);
      boolean even = i % 2 == 0;
      pb.add(new Load(new Deps(false, i >= 2, false, true), Buffer.ACT, even ? slot0 : slot1,
          weightsDram + (long) n0 * hidden, n, hidden, hidden));
      pb.add(new GemmInt8(new Deps(true, false, i + 2 < tiles, false), xq, even ? slot0 : slot1, 0, 1, n, hidden,
          false, false));
      pb.add(new Vec(new Deps(false, i >= 2, false, true), VecOp.DEQUANT, even ? out0 : out1, 0, scales, 1, n, 0));
      pb.add(new Store(new Deps(true, false, true, false), Buffer.VEC, even ? out0 : out1, logitsDram + 4L * n0, 1,
          4 * n, 0));
    }
    for (int i = 0; i < Math.min(tiles, 2); i++) {
      pb.add(new Sync(new Deps(false, true, false, false), Queue.COMPUTE));
    }
    return pb.finish();
  }

  /**
   * Analytic alternative, for the printed mapping: the same logits as fp32 MACs on the vector unit
   * (one MAC per lane per cycle) with bf16 weights streamed from DRAM, were the ISA to have a VEC dot
   * product: max(compute, DRAM) cycles.
   */
  public static long vectorUnitCycles(int vocab, int hidden, int lanes, double dramGBps, double clockMhz) {
    long compute = ((long) vocab * hidden + lanes - 1) / lanes;
    double dramNs = 2.0 * vocab * hidden / dramGBps;
    long dram = (long) Math.ceil(dramNs * clockMhz / 1000.0);
    return Math.max(compute, dram);
  }
}
