package dev.tritium.simulator.unit.mac;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.GemmInt8;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.OperandGeometry;
import dev.tritium.simulator.memory.MachineState;

/**
 * Functional GEMM.I8 (attention's int8 x int8 path): {@code ACC[m][n] (+)= sum_k A[m][k] B[n][k]}, or
 * {@code B[k][n]} with transpose_b. Rows of A and B use ACT_ROW_STRIDE_BYTES (dense: k bytes, or n
 * bytes per row of a transposed B).
 */
public final class Int8GemmUnit {

  public void execute(GemmInt8 g, MachineState state, ActionCounters counters) {
    String where = "GEMM.I8";
    int m = g.m();
    int n = g.n();
    int k = g.k();
    int aStride = OperandGeometry.stride(state, CfgReg.ACT_ROW_STRIDE_BYTES, k, where);
    int bRowBytes = g.transposeB() ? n : k;
    int bRows = g.transposeB() ? k : n;
    int bStride = OperandGeometry.stride(state, CfgReg.ACT_ROW_STRIDE_BYTES, bRowBytes, where);
    int accStride = OperandGeometry.stride(state, CfgReg.ACC_ROW_STRIDE_BYTES, 4L * n, where);
    int a = OperandGeometry.tile(state, Buffer.ACT, g.aAddr(), m, k, aStride, where, "A");
    int b = OperandGeometry.tile(state, Buffer.ACT, g.bAddr(), bRows, bRowBytes, bStride, where, "B");
    int c = OperandGeometry.tile(state, Buffer.ACC, g.accAddr(), m, 4L * n, accStride, where, "accumulators");
    byte[] act = state.buffer(Buffer.ACT).bytes();
    byte[] accBytes = state.buffer(Buffer.ACC).bytes();
    int[] acc = g.accumulate() ? OperandGeometry.readInt32Tile(accBytes, c, m, n, accStride) : new int[m * n];
    // B as a dense [n][k] int array, so the inner loop is a contiguous dot product either way.
    int[] bt = new int[n * k];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < k; i++) {
        bt[r * k + i] = g.transposeB() ? act[b + i * bStride + r] : act[b + r * bStride + i];
      }
    }
    int[] arow = new int[k];
    for (int t = 0; t < m; t++) {
      for (int i = 0; i < k; i++) {
        arow[i] = act[a + t * aStride + i];
      }
      for (int r = 0; r < n; r++) {
        int s = 0;
        int base = r * k;
        for (int i = 0; i < k; i++) {
          s += arow[i] * bt[base + i];
        }
        acc[t * n + r] += s;
      }
    }
    OperandGeometry.writeInt32Tile(accBytes, c, m, n, accStride, acc);
    count(g, counters);
  }

  public void count(GemmInt8 g, ActionCounters counters) {
    long m = g.m();
    long n = g.n();
    long k = g.k();
    counters.int8Macs(m * n * k);
    counters.sramRead(Buffer.ACT, m * k + n * k);
    if (g.accumulate()) {
      counters.sramRead(Buffer.ACC, 4 * m * n);
    }
    counters.sramWritten(Buffer.ACC, 4 * m * n);
  }
}
