package dev.tritium.simulator.unit.mac;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Packing;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.OperandGeometry;
import dev.tritium.simulator.functional.WeightTileStats;
import dev.tritium.simulator.memory.MachineState;

/** Functional GEMM.T: the ternary MAC array's values and counts, from the packed bytes in WGT. */
public final class TernaryGemmUnit {

  private final MacPackingKernels kernels = new MacPackingKernels();

  private ByteTableTernaryGemm kernel(Packing p) {
    return kernels.of(p, "GEMM.T");
  }

  public void execute(GemmTernary g, MachineState state, ActionCounters counters) {
    String where = "GEMM.T";
    ByteTableTernaryGemm kernel = kernel(g.packing());
    int m = g.m();
    int n = g.n();
    int k = g.k();
    int rowBytes = kernel.layout().rowBytes(k);
    int actStride = OperandGeometry.stride(state, CfgReg.ACT_ROW_STRIDE_BYTES, k, where);
    int accStride = OperandGeometry.stride(state, CfgReg.ACC_ROW_STRIDE_BYTES, 4L * n, where);
    int w = OperandGeometry.tile(state, Buffer.WGT, g.wgtAddr(), n, rowBytes, rowBytes, where, "weights");
    int a = OperandGeometry.tile(state, Buffer.ACT, g.actAddr(), m, k, actStride, where, "activations");
    int c = OperandGeometry.tile(state, Buffer.ACC, g.accAddr(), m, 4L * n, accStride, where, "accumulators");
    byte[] wgt = state.buffer(Buffer.WGT).bytes();
    byte[] act = state.buffer(Buffer.ACT).bytes();
    byte[] accBytes = state.buffer(Buffer.ACC).bytes();

    WeightTileStats stats = kernel.scan(wgt, w, rowBytes, n, k, where + " WGT");
    int[] acc = g.accumulate() ? OperandGeometry.readInt32Tile(accBytes, c, m, n, accStride) : new int[m * n];
    kernel.multiply(wgt, w, rowBytes, act, a, actStride, acc, m, n, k);
    OperandGeometry.writeInt32Tile(accBytes, c, m, n, accStride, acc);
    long zeroPairs = OperandGeometry.zeroActivationPairs(act, a, m, k, actStride, n);
    charge(g, rowBytes, stats, zeroPairs, counters);
  }

  /**
   * The tile's weights as a zero-skipping array sees them: decoded from the packed bytes now in WGT
   * (the same layout and bounds checks as {@link #execute}, which still validates the codes).
   */
  public ZeroWeightMap zeroWeights(GemmTernary g, MachineState state) {
    String where = "GEMM.T";
    ByteTableTernaryGemm kernel = kernel(g.packing());
    int rowBytes = kernel.layout().rowBytes(g.k());
    int w = OperandGeometry.tile(state, Buffer.WGT, g.wgtAddr(), g.n(), rowBytes, rowBytes, where, "weights");
    byte[] weights = new byte[Math.multiplyExact(g.n(), g.k())];
    kernel.decode(state.buffer(Buffer.WGT).bytes(), w, rowBytes, g.n(), g.k(), weights);
    return new ZeroWeightMap(weights, g.n(), g.k());
  }

  /** Timing-only: every value-independent count, value-dependent ones unknown. */
  public void count(GemmTernary g, ActionCounters counters) {
    charge(g, (int) g.packing().packedRowBytes(g.k()), null, 0, counters);
  }

  private static void charge(GemmTernary g, int rowBytes, WeightTileStats stats, long zeroPairs,
      ActionCounters counters) {
    long m = g.m();
    long n = g.n();
    counters.macArrayTile(m, n, g.k(), stats, zeroPairs);
    counters.sramRead(Buffer.WGT, n * rowBytes);
    counters.sramRead(Buffer.ACT, m * g.k());
    if (g.accumulate()) {
      counters.sramRead(Buffer.ACC, 4 * m * n);
    }
    counters.sramWritten(Buffer.ACC, 4 * m * n);
  }
}
