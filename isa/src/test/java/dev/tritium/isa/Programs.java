package dev.tritium.isa;

import java.util.ArrayList;
import java.util.List;

/** Hand-written example programs shared by tests. */
public final class Programs {

  private Programs() {}

  /**
   * One decode-step BitLinear 2560 -> 6912 (2B-4T FFN up) on the edge target: load x, quantize, the
   * LOOP.GEMM weight stream (18 tiles of 384 rows x 2560, TWO_BIT, double-buffered at WGT 0 and
   * 256 KiB), dequantize, store. 10 instructions; 47 after expansion.
   */
  public static List<Instruction> bitLinear2560x6912() {
    Deps pushNext = new Deps(false, false, false, true);
    Deps popPrev = new Deps(true, false, false, false);
    List<Instruction> p = new ArrayList<>();
    p.add(new Load(pushNext, Buffer.VEC, 0x0, 0x0, 1, 10240, 10240));
    p.add(new Sync(popPrev, Queue.COMPUTE));
    p.add(new Vec(Deps.NONE, VecOp.QUANT, 0x0, 0x0, 0x2800, 1, 2560, 0));
    p.add(new LoopWeights(Deps.NONE, 0x100000, 640, 0x0, 0x40000));
    p.add(new LoopBounds(Deps.NONE, 1, 6912, 2560, 384, 2560, ComputeUnit.MAC, Packing.TWO_BIT));
    p.add(new LoopGemm(Deps.NONE, 0x0, 0x0, 0x0, false, false, false));
    p.add(Cfg.ofFloat(Deps.NONE, CfgReg.DEQUANT_WEIGHT_SCALE, 1.25f));
    p.add(new Vec(pushNext, VecOp.DEQUANT, 0x3000, 0x0, 0x2800, 1, 6912, 0));
    p.add(new Store(popPrev, Buffer.VEC, 0x3000, 0x800000, 1, 27648, 27648));
    p.add(new Finish(Deps.NONE));
    return p;
  }

  /** A copy of a program with instruction {@code i} replaced. */
  public static List<Instruction> with(List<Instruction> program, int i, Instruction replacement) {
    List<Instruction> copy = new ArrayList<>(program);
    copy.set(i, replacement);
    return copy;
  }
}
