package dev.tritium.simulator.engine;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Store;
import dev.tritium.isa.ComputeUnit;
import java.util.List;

/** A BitLinear weight stream as one LOOP.GEMM on the MAC array (2-bit weights), then the result stored. */
final class LoopPrograms {

  private LoopPrograms() {}

  static List<Instruction> bitLinear(int m, int n, int k, int tileN, int tileK) {
    return bitLinear(m, n, k, tileN, tileK, ComputeUnit.MAC, Packing.TWO_BIT);
  }

  static List<Instruction> bitLinear(int m, int n, int k, int tileN, int tileK, ComputeUnit unit, Packing packing) {
    long rowBytes = packing.packedRowBytes(k);
    long slotBytes = tileN * packing.packedRowBytes(tileK);
    return List.of(
        new LoopWeights(Deps.NONE, 0, rowBytes, 0, slotBytes),
        new LoopBounds(Deps.NONE, m, n, k, tileN, tileK, unit, packing),
        new LoopGemm(new Deps(false, false, false, true), 0, 0, 0, false, false, false),
        new Store(new Deps(true, false, false, false), Buffer.ACC, 0, 1L << 32, m, 4 * n, 4L * n),
        new Finish(Deps.NONE));
  }
}
