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
 * values either way). With CFG SPARSE_BITMAP_ADDR the index is a bitmap in WGT and the block only the int8 values
 * (isa/README.md); otherwise: The CSR block in VEC holds n + 1
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
    int actStride = OperandGeometry.stride(state, CfgReg.ACT_ROW_STRIDE_BYTES, 4L * k, WHERE);
    int outStride = OperandGeometry.stride(state, CfgReg.ACC_ROW_STRIDE_BYTES, 4L * n, WHERE);
    int a = OperandGeometry.tile(state, Buffer.VEC, g.actAddr(), m, 4L * k, actStride, WHERE, "activations");
    int c = OperandGeometry.tile(state, Buffer.VEC, g.outAddr(), m, 4L * n, outStride, WHERE, "outputs");
    byte[] vec = state.buffer(Buffer.VEC).bytes();
    Entries index = state.cfg(CfgReg.SPARSE_BITMAP_ADDR) != 0 ? bitmap(g, state, entries) : csr(g, state, entries);
    int[] ptr = index.rowStart();
    int[] col = index.columns();
    float[] q = index.q();
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

  /** The entries of a tile: row r's are [rowStart[r], rowStart[r + 1]), with their columns and int8 values. */
  private record Entries(int[] rowStart, int[] columns, float[] q) {}

  /**
   * A bitmap index: row r's entries are the set bits of its bitmap row (WGT at SPARSE_BITMAP_ADDR), columns
   * ascending; the values are the block's int8s in that order. The set bits must number SPARSE_ENTRIES.
   */
  private static Entries bitmap(GemmSparse g, MachineState state, long entries) {
    int n = g.n();
    int k = g.k();
    long valueBytes = GemmSparse.bitmapValueBytes(entries);
    int values = OperandGeometry.tile(state, Buffer.VEC, g.csrAddr(), 1, valueBytes, valueBytes, WHERE, "int8 values");
    long bitmapBytes = GemmSparse.bitmapBytes(n, k);
    int bits = OperandGeometry.tile(state, Buffer.WGT, state.cfg(CfgReg.SPARSE_BITMAP_ADDR), 1, bitmapBytes,
        bitmapBytes, WHERE, "bitmap index");
    byte[] wgt = state.buffer(Buffer.WGT).bytes();
    byte[] vec = state.buffer(Buffer.VEC).bytes();
    int rowBytes = (k + 7) / 8;
    int[] ptr = new int[n + 1];
    int[] col = new int[(int) entries];
    float[] q = new float[(int) entries];
    int e = 0;
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < k; i++) {
        if ((wgt[bits + r * rowBytes + i / 8] >> (i % 8) & 1) != 0) {
          if (e == entries) {
            throw new IllegalArgumentException(WHERE + ": the bitmap index at WGT 0x" + Integer.toHexString(bits)
                + " has more set bits than SPARSE_ENTRIES = " + entries + " (row " + r + ", column " + i + ")");
          }
          col[e] = i;
          q[e] = vec[values + e];
          e++;
        }
      }
      ptr[r + 1] = e;
    }
    if (e != entries) {
      throw new IllegalArgumentException(WHERE + ": the bitmap index at WGT 0x" + Integer.toHexString(bits) + " has "
          + e + " set bits; expected SPARSE_ENTRIES = " + entries);
    }
    return new Entries(ptr, col, q);
  }

  /** A CSR block in VEC: n + 1 row pointers, then one word per entry (column in bits 0..23, q in bits 24..31). */
  private static Entries csr(GemmSparse g, MachineState state, long entries) {
    int n = g.n();
    int k = g.k();
    long blockBytes = 4L * (n + 1L) + 4L * entries;
    int csr = OperandGeometry.tile(state, Buffer.VEC, g.csrAddr(), 1, blockBytes, blockBytes, WHERE, "CSR block");
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
    return new Entries(ptr, col, q);
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
    if (state.cfg(CfgReg.SPARSE_BITMAP_ADDR) != 0) {
      counters.sramRead(Buffer.VEC, GemmSparse.bitmapValueBytes(entries) + 4 * m * entries);
      counters.sramRead(Buffer.WGT, GemmSparse.bitmapBytes(n, g.k()));
    } else {
      counters.sramRead(Buffer.VEC, 4 * (n + 1 + entries) + 4 * m * entries);
    }
    if (g.accumulate()) {
      counters.sramRead(Buffer.VEC, 4 * m * n);
    }
    counters.sramWritten(Buffer.VEC, 4 * m * n);
  }
}
