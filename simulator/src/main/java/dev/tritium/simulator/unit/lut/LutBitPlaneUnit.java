package dev.tritium.simulator.unit.lut;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.LutBuildBp;
import dev.tritium.isa.LutGemmBp;
import dev.tritium.simulator.energy.Action;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.OperandGeometry;
import dev.tritium.simulator.memory.LittleEndian;
import dev.tritium.simulator.memory.MachineState;

/**
 * Functional LUT.BUILD.BP and LUT.GEMM.BP: T-MAC's bit-plane lookups of integer weight codes on the LUT core
 * ({@code lut_core.bit_plane}).
 *
 * <p>LUT.BUILD.BP: for token i and group q of g = 2 or 4 codes (columns {@code k0 + q g + u}, byte
 * {@code 1 + k0 + q g + u} of the row, byte 0 the zero-point z_x), entry e of the int16 table is
 * {@code sum over the bits u set in e (columns < k) of (u_x - z_x)}. Folding z_x into the entries leaves the lookup
 * side one correction per output instead of GEMM.BP's three.
 *
 * <p>LUT.GEMM.BP: weight row j is GEMM.BP's (z_w, then P planes of ceil(k/8) bytes); group q's index in plane p is
 * the g bits of columns q g .. q g + g - 1, and in int32 (Java int arithmetic: two's complement wrap, as the core's
 * accumulators) {@code ACC[i][j] (+)= sum_p (sum_q T_i[q][idx_p]) << p - z_w[j] sum_q T_i[q][2^g - 1]}, which is
 * {@code sum_c (u_w - z_w)(u_x - z_x)}: entries past k are 0, so plane bits of columns >= k add nothing. A weight
 * zero-point at or above 2^P is an execution error, as in GEMM.BP.
 */
public final class LutBitPlaneUnit {

  private static final String BUILD = "LUT.BUILD.BP";
  private static final String GEMM = "LUT.GEMM.BP";

  public void build(LutBuildBp b, MachineState state, ActionCounters counters) {
    check(state, b.groupSize(), BUILD);
    int g = b.groupSize();
    int m = b.m();
    int k = b.k();
    int groups = (k + g - 1) / g;
    int entries = 1 << g;
    int rowBytes = Math.toIntExact(LutBuildBp.rowBytes(k, g));
    int aRow = Math.toIntExact(b.activationRowBytes());
    int actStride = OperandGeometry.stride(state, CfgReg.ACT_ROW_STRIDE_BYTES, aRow, BUILD);
    int lutStride = OperandGeometry.stride(state, CfgReg.LUT_ROW_STRIDE_BYTES, rowBytes, BUILD);
    int a = OperandGeometry.tile(state, Buffer.ACT, b.actAddr(), m, aRow, actStride, BUILD, "activation codes");
    int l = OperandGeometry.tile(state, Buffer.LUT, b.lutAddr(), m, rowBytes, lutStride, BUILD, "tables");
    byte[] act = state.buffer(Buffer.ACT).bytes();
    byte[] lut = state.buffer(Buffer.LUT).bytes();
    int[] xs = new int[g];
    for (int t = 0; t < m; t++) {
      int row = a + t * actStride;
      int zero = act[row] & 0xFF;
      for (int q = 0; q < groups; q++) {
        for (int u = 0; u < g; u++) {
          int col = q * g + u;
          xs[u] = col < k ? (act[row + 1 + b.k0() + col] & 0xFF) - zero : 0;
        }
        int at = l + t * lutStride + q * (2 * entries);
        for (int e = 0; e < entries; e++) {
          int s = 0;
          for (int u = 0; u < g; u++) {
            if (((e >> u) & 1) != 0) {
              s += xs[u];
            }
          }
          LittleEndian.setInt16(lut, at + 2 * e, (short) s); // |s| <= 4 * 255: exact
        }
      }
    }
    count(b, counters);
  }

  public void gemm(LutGemmBp q, MachineState state, ActionCounters counters) {
    check(state, q.groupSize(), GEMM);
    int g = q.groupSize();
    int m = q.m();
    int n = q.n();
    int k = q.k();
    int planes = q.weightPlanes();
    int groups = (k + g - 1) / g;
    int entries = 1 << g;
    int mask = entries - 1;
    int kb = (k + 7) / 8;
    int wRow = Math.toIntExact(q.weightRowBytes());
    int tableRow = Math.toIntExact(LutBuildBp.rowBytes(k, g));
    int lutStride = OperandGeometry.stride(state, CfgReg.LUT_ROW_STRIDE_BYTES, tableRow, GEMM);
    int accStride = OperandGeometry.stride(state, CfgReg.ACC_ROW_STRIDE_BYTES, 4L * n, GEMM);
    int w = OperandGeometry.tile(state, Buffer.WGT, q.wgtAddr(), n, wRow, wRow, GEMM, "weight planes");
    int l = OperandGeometry.tile(state, Buffer.LUT, q.lutAddr(), m, tableRow, lutStride, GEMM, "tables");
    int c = OperandGeometry.tile(state, Buffer.ACC, q.accAddr(), m, 4L * n, accStride, GEMM, "accumulators");
    byte[] wgt = state.buffer(Buffer.WGT).bytes();
    byte[] lut = state.buffer(Buffer.LUT).bytes();
    byte[] accBytes = state.buffer(Buffer.ACC).bytes();
    short[] tables = new short[m * groups * entries];
    int[] tokenSum = new int[m]; // sum_q T_i[q][2^g - 1] = sum_{c < k} (u_x - z_x)
    for (int t = 0; t < m; t++) {
      for (int j = 0; j < groups * entries; j++) {
        tables[t * groups * entries + j] = LittleEndian.getInt16(lut, l + t * lutStride + 2 * j);
      }
      for (int j = 0; j < groups; j++) {
        tokenSum[t] += tables[(t * groups + j) * entries + mask];
      }
    }
    // Every row's indices and zero-point first: a bad zero-point fails before anything is written.
    int[] index = new int[n * planes * groups];
    int[] zeros = new int[n];
    for (int r = 0; r < n; r++) {
      int row = w + r * wRow;
      zeros[r] = wgt[row] & 0xFF;
      if (zeros[r] >= 1 << planes) {
        throw new IllegalStateException(GEMM + ": weight row " + r + " at byte " + row + " has zero-point "
            + zeros[r] + ", outside the " + planes + "-plane code range [0, " + ((1 << planes) - 1) + "]");
      }
      for (int p = 0; p < planes; p++) {
        for (int j = 0; j < groups; j++) {
          int bit = j * g; // g divides 8: the group's bits lie in one byte
          index[(r * planes + p) * groups + j] = (wgt[row + 1 + p * kb + bit / 8] >> (bit % 8)) & mask;
        }
      }
    }
    int[] acc = q.accumulate() ? OperandGeometry.readInt32Tile(accBytes, c, m, n, accStride) : new int[m * n];
    for (int r = 0; r < n; r++) {
      for (int t = 0; t < m; t++) {
        int tb = t * groups * entries;
        int s = 0;
        for (int p = 0; p < planes; p++) {
          int ib = (r * planes + p) * groups;
          int sp = 0;
          for (int j = 0; j < groups; j++) {
            sp += tables[tb + j * entries + index[ib + j]];
          }
          s += sp << p;
        }
        acc[t * n + r] += s - zeros[r] * tokenSum[t]; // the core's edge: one zero-point multiply-add per output
      }
    }
    OperandGeometry.writeInt32Tile(accBytes, c, m, n, accStride, acc);
    count(q, counters);
  }

  /**
   * Value-independent counts of one LUT.BUILD.BP: {@code m ceil(k/g)} tables of 2^g entries, each built with
   * {@link #buildAddsPerTable} adds; the k codes and the zero-point read from ACT.
   */
  public void count(LutBuildBp b, ActionCounters counters) {
    long tables = (long) b.m() * ((b.k() + b.groupSize() - 1) / b.groupSize());
    long entries = 1L << b.groupSize();
    counters.lutBuild(tables * buildAddsPerTable(b.groupSize()), tables * entries);
    counters.sramRead(Buffer.ACT, (long) b.m() * (1L + b.k()));
    counters.sramWritten(Buffer.LUT, tables * 2 * entries);
  }

  /**
   * Value-independent counts of one LUT.GEMM.BP: {@code m n ceil(k/g) P} lookups, one accumulate add each (the
   * shift by p is wiring); per (token, group) one read of the all-ones entry and one add forming the token's sum; per
   * output one zero-point multiply-add at the edge.
   */
  public void count(LutGemmBp q, ActionCounters counters) {
    long m = q.m();
    long n = q.n();
    long groups = (q.k() + q.groupSize() - 1) / q.groupSize();
    long lookups = m * n * groups * q.weightPlanes();
    counters.lutLookups(lookups, lookups + m * groups);
    counters.lutBitPlaneEdge(m * n);
    counters.sramRead(Buffer.WGT, n * q.weightRowBytes());
    counters.sramRead(Buffer.LUT, 2 * (lookups + m * groups));
    if (q.accumulate()) {
      counters.sramRead(Buffer.ACC, 4 * m * n);
    }
    counters.sramWritten(Buffer.ACC, 4 * m * n);
  }

  /**
   * Adds to build one table of 2^g entries with the zero-point folded in: g subtractions {@code u_x - z_x} give the
   * single-code entries, and each of the other 2^g - 1 - g nonzero entries is an earlier entry plus one of them.
   * Entry 0 is the constant 0. So 2^g - 1 (g = 2: 3, g = 4: 15).
   */
  public static long buildAddsPerTable(int g) {
    return (1L << g) - 1;
  }

  /**
   * The energy action of LUT.GEMM.BP's zero-point term: an 8-bit zero-point times the token's int32 sum, added into the
   * int32 output, {@code int_mac{8, 32, 32}} (the energy tables' int_mac recipe, the action of GEMM.BP's edge).
   */
  public static Action edgeMac() {
    return Action.intMac(8, 32, 32);
  }

  private static void check(MachineState state, int g, String where) {
    if (state.target().lut().isEmpty() || !state.target().lut().get().bitPlane()) {
      throw new IllegalStateException(where + " needs bit-plane tables in the LUT core (lut_core.bit_plane: true);"
          + " target '" + state.target().name() + "' has none");
    }
    if (!LutBuildBp.validGroupSize(g)) {
      throw new IllegalArgumentException(where + ": group size " + g + " must be 2 or 4");
    }
  }
}
