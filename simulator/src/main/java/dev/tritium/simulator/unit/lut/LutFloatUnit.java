package dev.tritium.simulator.unit.lut;

import dev.tritium.common.HalfFloats;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.LutBuildF16;
import dev.tritium.isa.LutGemmF16;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.validate.Accesses;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.OperandGeometry;
import dev.tritium.simulator.functional.WeightTileStats;
import dev.tritium.simulator.memory.LittleEndian;
import dev.tritium.simulator.memory.MachineState;

/**
 * Functional LUT.BUILD.F16 and LUT.GEMM.F16 (isa/README.md, "fp16 tables"): fp16 tables of fp32 activation sums,
 * looked up and accumulated in fp32, on a LUT core with fp adders. The table layout and the weight-index decode are
 * the int16 tables' ({@link LutWeightRows}); only the entry type and the accumulator differ.
 */
public final class LutFloatUnit {

  /**
   * Writes, for token t and group j (activations x[t][j g .. j g + g), 0 past k), entry e = fp16(s) with s the u-order
   * fp32 sum of entry e's pattern ({@link LutFloatTables#signedSum}), little-endian binary16.
   */
  public void build(LutBuildF16 b, MachineState state, ActionCounters counters) {
    String where = "LUT.BUILD.F16";
    requireFloatAdders(state, where);
    LutFloatTables.requireSignedSums(b.variant(), where);
    int g = b.groupSize();
    if (g < 1 || g > 7 || !b.variant().supportsGroupSize(g)) {
      throw new IllegalArgumentException(where + ": group size " + g + " does not suit " + b.variant().key()
          + " tables (1..7; 2 or 4 for the binary ones)");
    }
    int m = b.m();
    int k = b.k();
    int groups = (k + g - 1) / g;
    int entries = b.variant().entriesPerTable(g);
    int tableBytes = 2 * entries;
    int actStride = OperandGeometry.stride(state, CfgReg.ACT_ROW_STRIDE_BYTES, 4L * k, where);
    int lutStride = OperandGeometry.stride(state, CfgReg.LUT_ROW_STRIDE_BYTES, (long) groups * tableBytes, where);
    int a = OperandGeometry.tile(state, Buffer.VEC, b.actAddr(), m, 4L * k, actStride, where, "activations");
    int l = OperandGeometry.tile(state, Buffer.LUT, b.lutAddr(), m, (long) groups * tableBytes, lutStride, where,
        "tables");
    byte[] vec = state.buffer(Buffer.VEC).bytes();
    byte[] lut = state.buffer(Buffer.LUT).bytes();
    int[][] patterns = new int[entries][g];
    for (int e = 0; e < entries; e++) {
      LutFloatTables.patternWeights(b.variant(), g, e, patterns[e]);
    }
    float[] xs = new float[g];
    for (int t = 0; t < m; t++) {
      for (int j = 0; j < groups; j++) {
        for (int u = 0; u < g; u++) {
          int col = j * g + u;
          xs[u] = col < k ? LittleEndian.getFp32(vec, a + t * actStride + 4 * col) : 0f;
        }
        int at = l + t * lutStride + j * tableBytes;
        for (int e = 0; e < entries; e++) {
          int h = HalfFloats.floatToF16(LutFloatTables.signedSum(patterns[e], xs));
          LittleEndian.setInt16(lut, at + 2 * e, (short) h);
        }
      }
    }
    count(b, counters);
  }

  /** The value-independent counts of a build (also the timing-only path). */
  public void count(LutBuildF16 b, ActionCounters counters) {
    long groups = (b.k() + b.groupSize() - 1) / b.groupSize();
    long entries = b.variant().entriesPerTable(b.groupSize());
    long tables = b.m() * groups;
    counters.lutFloatBuild(tables * LutFloatTables.buildAddsPerTable(b.variant(), b.groupSize()), tables * entries);
    counters.sramRead(Buffer.VEC, 4L * b.m() * b.k());
    counters.sramWritten(Buffer.LUT, tables * entries * 2);
  }

  private static LutWeightRows rows(LutGemmF16 q, MachineState state, String where) {
    LutVariant variant = state.target().lut().map(l -> l.variant()).orElse(LutVariant.TERNARY_BASE3);
    LutWeightRows rows = LutWeightRows.of(q.packing(), Accesses.lutGroupSize(q.packing(), state.target()), variant,
        where);
    if (rows.offsetCoded()) {
      throw new IllegalArgumentException(where + ": packing " + q.packing() + " is offset-coded (2 P1.x + P0.x - sum"
          + " x), which fp16 tables do not keep; LUT.GEMM.F16 reads LUT_G2/G3/G4, LUT_G3_MIRROR or SIGN_BITS");
    }
    return rows;
  }

  /**
   * Per output: {@code s = accumulate ? OUT : 0f}, then {@code s = s + v} for each group in ascending order, v the
   * selected fp16 entry widened to fp32 (negated for a mirror group whose sign selects the complement).
   */
  public void gemm(LutGemmF16 q, MachineState state, ActionCounters counters) {
    String where = "LUT.GEMM.F16";
    requireFloatAdders(state, where);
    LutWeightRows rows = rows(q, state, where);
    int m = q.m();
    int n = q.n();
    int k = q.k();
    int g = rows.groupSize();
    int groups = (k + g - 1) / g;
    int entries = rows.variant().entriesPerTable(g);
    int tableBytes = 2 * entries;
    int rowBytes = rows.rowBytes(k);
    int lutStride = OperandGeometry.stride(state, CfgReg.LUT_ROW_STRIDE_BYTES, (long) groups * tableBytes, where);
    int outStride = OperandGeometry.stride(state, CfgReg.ACC_ROW_STRIDE_BYTES, 4L * n, where);
    int w = OperandGeometry.tile(state, Buffer.WGT, q.wgtAddr(), n, rowBytes, rowBytes, where, "weight indices");
    int l = OperandGeometry.tile(state, Buffer.LUT, q.lutAddr(), m, (long) groups * tableBytes, lutStride, where,
        "tables");
    int c = OperandGeometry.tile(state, Buffer.VEC, q.outAddr(), m, 4L * n, outStride, where, "outputs");
    byte[] wgt = state.buffer(Buffer.WGT).bytes();
    byte[] lut = state.buffer(Buffer.LUT).bytes();
    byte[] vec = state.buffer(Buffer.VEC).bytes();
    // Decode every row's selectors first: this validates all indices before anything is written.
    int perRow = groups * rows.lookupsPerGroup();
    int[] selectors = new int[n * perRow];
    long[] signCounts = new long[2];
    for (int r = 0; r < n; r++) {
      rows.decodeRow(wgt, w + r * rowBytes, k, selectors, r * perRow, signCounts, where + " WGT row " + r);
    }
    WeightTileStats stats = new WeightTileStats(signCounts[0], signCounts[1],
        (long) n * k - signCounts[0] - signCounts[1]);
    float[] tables = new float[m * groups * entries];
    for (int t = 0; t < m; t++) {
      for (int j = 0; j < groups; j++) {
        int at = l + t * lutStride + j * tableBytes;
        for (int e = 0; e < entries; e++) {
          tables[(t * groups + j) * entries + e] = HalfFloats.f16ToFloat(LittleEndian.getInt16(lut, at + 2 * e) & 0xffff);
        }
      }
    }
    float[] out = new float[m * n];
    for (int t = 0; t < m; t++) {
      int tb = t * groups * entries;
      for (int r = 0; r < n; r++) {
        float s = q.accumulate() ? LittleEndian.getFp32(vec, c + t * outStride + 4 * r) : 0f;
        int sel = r * perRow;
        for (int j = 0; j < perRow; j++) {
          int code = selectors[sel + j];
          // code = table offset << 2 | doubled << 1 | negate (LutWeightRows.selector); never doubled here.
          float v = tables[tb + (code >>> 2)];
          s = s + ((code & 1) == 0 ? v : -v);
        }
        out[t * n + r] = s;
      }
    }
    // Written after every read, so an output tile that overlaps nothing else still reads OUT before writing it.
    for (int t = 0; t < m; t++) {
      for (int r = 0; r < n; r++) {
        LittleEndian.setFp32(vec, c + t * outStride + 4 * r, out[t * n + r]);
      }
    }
    charge(q, rows, stats, counters);
  }

  /** The value-independent counts of a lookup tile (the timing-only path). */
  public void count(LutGemmF16 q, MachineState state, ActionCounters counters) {
    charge(q, rows(q, state, "LUT.GEMM.F16"), null, counters);
  }

  /** M x N x ceil(K/g) lookups, each one fp32 accumulate add; 2-byte table reads; fp32 OUT in VEC. */
  private static void charge(LutGemmF16 q, LutWeightRows rows, WeightTileStats stats, ActionCounters counters) {
    long m = q.m();
    long n = q.n();
    long groups = (q.k() + rows.groupSize() - 1) / rows.groupSize();
    long lookups = m * n * groups;
    counters.lutTile(m, n, q.k(), stats, 0);
    counters.lutFloatLookups(lookups, lookups);
    counters.sramRead(Buffer.WGT, n * rows.rowBytes(q.k()));
    counters.sramRead(Buffer.LUT, 2 * lookups);
    if (q.accumulate()) {
      counters.sramRead(Buffer.VEC, 4 * m * n);
    }
    counters.sramWritten(Buffer.VEC, 4 * m * n);
  }

  private static void requireFloatAdders(MachineState state, String where) {
    if (state.target().lut().map(l -> !l.floatAdders()).orElse(true)) {
      throw new IllegalArgumentException(where + " needs fp adders in the LUT core (arch lut_core.float_adders: fp32);"
          + " arch '" + state.target().name() + "' has none");
    }
  }
}
