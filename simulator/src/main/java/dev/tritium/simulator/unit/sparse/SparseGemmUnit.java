package dev.tritium.simulator.unit.sparse;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.GemmSparse;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.Fp32Op;
import dev.tritium.simulator.functional.OperandGeometry;
import dev.tritium.simulator.memory.LittleEndian;
import dev.tritium.simulator.memory.MachineState;

/**
 * Functional GEMM.SP (a weight format's sparse int8 outliers, on the sparse unit or the vector lanes: the same
 * values either way). The CSR block in VEC holds n + 1
 * row pointers (0 first, CFG SPARSE_ENTRIES last) and then the entry words (column in bits 0..23, q as int8 in bits
 * 24..31). Per token and row: {@code s = 0f} (or OUT), then {@code s = s + ((float) q) * a[col]} per entry in stored
 * order, product and sum each rounded to fp32: PB-LLM's salient sum in the reference (models.format.PbLlm), whose
 * columns run ascending.
 */
public final class SparseGemmUnit {

  private static final String WHERE = "GEMM.SP";

  public void execute(GemmSparse g, MachineState state, ActionCounters counters) {
    int m = g.m();
    int n = g.n();
    int k = g.k();
    long entries = state.cfg(CfgReg.SPARSE_ENTRIES);
    long blockBytes = 4L * (n + 1L) + 4L * entries;
    int csr = OperandGeometry.tile(state, Buffer.VEC, g.csrAddr(), 1, blockBytes, blockBytes, WHERE, "CSR block");
    int actStride = OperandGeometry.stride(state, CfgReg.ACT_ROW_STRIDE_BYTES, 4L * k, WHERE);
    int outStride = OperandGeometry.stride(state, CfgReg.ACC_ROW_STRIDE_BYTES, 4L * n, WHERE);
    int a = OperandGeometry.tile(state, Buffer.VEC, g.actAddr(), m, 4L * k, actStride, WHERE, "activations");
    int c = OperandGeometry.tile(state, Buffer.VEC, g.outAddr(), m, 4L * n, outStride, WHERE, "outputs");
    byte[] vec = state.buffer(Buffer.VEC).bytes();
    int[] ptr = new int[n + 1];
    for (int j = 0; j <= n; j++) {
      long p = Integer.toUnsignedLong(LittleEndian.getInt32(vec, csr + 4 * j));
      long previous = j == 0 ? 0 : ptr[j - 1];
      boolean ok = j == 0 ? p == 0 : j == n ? p == entries && p >= previous : p >= previous && p <= entries;
      if (!ok) {
        throw new IllegalArgumentException(WHERE + ": CSR row pointer " + j + " at VEC 0x" + Long.toHexString(csr + 4L * j)
            + " is " + p + "; expected " + (j == 0 ? "0" : j == n ? "SPARSE_ENTRIES = " + entries
            : "between the previous pointer " + previous + " and SPARSE_ENTRIES = " + entries));
      }
      ptr[j] = (int) p;
    }
    int base = csr + 4 * (n + 1);
    int[] col = new int[(int) entries];
    float[] q = new float[(int) entries];
    for (int e = 0; e < entries; e++) {
      int word = LittleEndian.getInt32(vec, base + 4 * e);
      col[e] = word & 0xff_ffff;
      q[e] = (byte) (word >>> 24);
      if (col[e] >= k) {
        throw new IllegalArgumentException(WHERE + ": CSR entry " + e + " at VEC 0x" + Integer.toHexString(base + 4 * e)
            + " has column " + col[e] + "; expected a column below k = " + k);
      }
    }
    float[] out = new float[m * n];
    for (int t = 0; t < m; t++) {
      int row = a + t * actStride;
      for (int j = 0; j < n; j++) {
        float s = g.accumulate() ? LittleEndian.getFp32(vec, c + t * outStride + 4 * j) : 0f;
        for (int e = ptr[j]; e < ptr[j + 1]; e++) {
          s = s + q[e] * LittleEndian.getFp32(vec, row + 4 * col[e]);
        }
        out[t * n + j] = s;
      }
    }
    for (int t = 0; t < m; t++) {
      for (int j = 0; j < n; j++) {
        LittleEndian.setFp32(vec, c + t * outStride + 4 * j, out[t * n + j]);
      }
    }
    count(g, state, counters);
  }

  /**
   * One sparse multiply-add (index decode, multiply, add) per entry and token; the block read once, the activations
   * once per entry use.
   */
  public void count(GemmSparse g, MachineState state, ActionCounters counters) {
    long m = g.m();
    long n = g.n();
    long entries = state.cfg(CfgReg.SPARSE_ENTRIES);
    counters.fp32(Fp32Op.SPARSE_MAC, m * entries);
    counters.sramRead(Buffer.VEC, 4 * (n + 1 + entries) + 4 * m * entries);
    if (g.accumulate()) {
      counters.sramRead(Buffer.VEC, 4 * m * n);
    }
    counters.sramWritten(Buffer.VEC, 4 * m * n);
  }
}
