package dev.tritium.simulator.unit.lut;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutGemm;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.validate.Accesses;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.GroupFieldLayout;
import dev.tritium.simulator.functional.OperandGeometry;
import dev.tritium.simulator.functional.WeightTileStats;
import dev.tritium.simulator.memory.LittleEndian;
import dev.tritium.simulator.memory.MachineState;

/**
 * Functional LUT tensor core.
 *
 * <p>LUT.BUILD writes, for token t and group j (activations x[t][j g .. j g + g), zero past k), one
 * table of int16 little-endian entries at {@code lut_addr + t * stride + j * tableBytes}, the stride
 * being LUT_ROW_STRIDE_BYTES or ceil(k/g) tables. Entry e holds:
 * <ul>
 *   <li>TERNARY_BASE3: {@code sum_i w_i x_i} for the weights whose LUT index (first weight most
 *       significant, digits w + 1) is e, 3^g entries;</li>
 *   <li>TERNARY_MIRROR: the same for the balanced value v = +e, (3^g + 1)/2 entries;</li>
 *   <li>BIT_SERIAL: the subset sum {@code sum of x_i over the bits i set in e}, 2^g entries;</li>
 *   <li>BINARY: the signed sum {@code sum_i (bit i of e ? +x_i : -x_i)}, 2^g entries;</li>
 *   <li>BINARY_MIRROR: the BINARY entry {@code e | 2^(g-1)}, 2^(g-1) entries.</li>
 * </ul>
 * LUT.GEMM adds, per token, output row and group, the entry its weight index selects (negated when
 * the mirror sign bit is set). BIT_PLANES reads BIT_SERIAL tables of the target's g with two lookups
 * per group, {@code 2 T[plane-1 bits] + T[plane-0 bits]}, and each output then subtracts its token's
 * activation sum (the sum of every group's all-ones entry T[2^g - 1]): {@code W.x = 2 P1.x + P0.x - sum x}.
 * SIGN_BITS reads the binary tables: one lookup per group, negated for a BINARY_MIRROR group whose top bit is 0.
 */
public final class LutCoreUnit {

  public void build(LutBuild b, MachineState state, ActionCounters counters) {
    String where = "LUT.BUILD";
    int g = b.groupSize();
    checkGroupSize(g, where);
    int m = b.m();
    int k = b.k();
    int groups = (k + g - 1) / g;
    int entries = b.variant().entriesPerTable(g);
    int tableBytes = 2 * entries;
    int actStride = OperandGeometry.stride(state, CfgReg.ACT_ROW_STRIDE_BYTES, k, where);
    int lutStride = OperandGeometry.stride(state, CfgReg.LUT_ROW_STRIDE_BYTES, (long) groups * tableBytes, where);
    int a = OperandGeometry.tile(state, Buffer.ACT, b.actAddr(), m, k, actStride, where, "activations");
    int l = OperandGeometry.tile(state, Buffer.LUT, b.lutAddr(), m, (long) groups * tableBytes, lutStride, where, "tables");
    byte[] act = state.buffer(Buffer.ACT).bytes();
    byte[] lut = state.buffer(Buffer.LUT).bytes();
    int pow3 = GroupFieldLayout.pow3(g);
    int[] full = new int[pow3];
    int[] xs = new int[g];
    for (int t = 0; t < m; t++) {
      for (int j = 0; j < groups; j++) {
        for (int i = 0; i < g; i++) {
          int col = j * g + i;
          xs[i] = col < k ? act[a + t * actStride + col] : 0;
        }
        int at = l + t * lutStride + j * tableBytes;
        switch (b.variant()) {
          case TERNARY_BASE3 -> {
            fullTable(xs, full);
            for (int e = 0; e < entries; e++) {
              LittleEndian.setInt16(lut, at + 2 * e, (short) full[e]);
            }
          }
          case TERNARY_MIRROR -> {
            fullTable(xs, full);
            int half = (pow3 - 1) / 2;
            for (int e = 0; e < entries; e++) {
              LittleEndian.setInt16(lut, at + 2 * e, (short) full[half + e]);
            }
          }
          case BIT_SERIAL -> {
            for (int e = 0; e < entries; e++) {
              int s = 0;
              for (int i = 0; i < g; i++) {
                s += (e >>> i & 1) * xs[i];
              }
              LittleEndian.setInt16(lut, at + 2 * e, (short) s);
            }
          }
          case BINARY, BINARY_MIRROR -> {
            // BINARY_MIRROR keeps the entries whose top bit g-1 is set: entry e' is the BINARY entry e' | 2^(g-1).
            int top = b.variant() == LutVariant.BINARY_MIRROR ? 1 << (g - 1) : 0;
            for (int e = 0; e < entries; e++) {
              LittleEndian.setInt16(lut, at + 2 * e, (short) signedSum(e | top, xs));
            }
          }
        }
      }
    }
    count(b, counters);
  }

  /** sum_i (bit i of e set ? +x_i : -x_i): a binary table entry. */
  static int signedSum(int e, int[] xs) {
    int s = 0;
    for (int i = 0; i < xs.length; i++) {
      s += (e >>> i & 1) == 1 ? xs[i] : -xs[i];
    }
    return s;
  }

  /** full[idx] = sum_i w_i x_i for the most-significant-first index idx (digits w + 1). */
  private static void fullTable(int[] xs, int[] full) {
    int g = xs.length;
    int size = 1;
    full[0] = 0;
    for (int p = 0; p < g; p++) {
      int xv = xs[g - 1 - p]; // digit p (least significant first) is the group's weight g-1-p
      for (int r = 0; r < size; r++) {
        int v = full[r];
        full[2 * size + r] = v + xv;
        full[size + r] = v;
        full[r] = v - xv;
      }
      size *= 3;
    }
  }

  public void count(LutBuild b, ActionCounters counters) {
    long groups = (b.k() + b.groupSize() - 1) / b.groupSize();
    long entries = b.variant().entriesPerTable(b.groupSize());
    long tables = b.m() * groups;
    counters.lutBuild(tables * buildAddsPerTable(b.variant(), b.groupSize(), entries), tables * entries);
    counters.sramRead(Buffer.ACT, (long) b.m() * b.k());
    counters.sramWritten(Buffer.LUT, tables * entries * 2);
  }

  /**
   * Adds the functional counters charge per table: one per entry after the first for the ternary and bit-serial
   * tables; a binary table has no entry with a single nonzero weight, so its first entry (-sum x) costs g - 1 adds and
   * every later entry, in Gray-code order, one add (an earlier entry plus or minus 2 x_u, the doubling a shift).
   */
  public static long buildAddsPerTable(LutVariant v, int g, long entries) {
    return switch (v) {
      case TERNARY_BASE3, TERNARY_MIRROR, BIT_SERIAL -> entries - 1;
      case BINARY, BINARY_MIRROR -> entries - 1 + (g - 1);
    };
  }

  /** The reader of the instruction's packing; BIT_PLANES and SIGN_BITS take the target's LUT group size. */
  private static LutWeightRows rows(LutGemm q, MachineState state) {
    LutVariant variant = state.target().lut().map(l -> l.variant()).orElse(LutVariant.TERNARY_BASE3);
    return LutWeightRows.of(q.packing(), Accesses.lutGroupSize(q.packing(), state.target()), variant, "LUT.GEMM");
  }

  public void gemm(LutGemm q, MachineState state, ActionCounters counters) {
    String where = "LUT.GEMM";
    LutWeightRows rows = rows(q, state);
    int m = q.m();
    int n = q.n();
    int k = q.k();
    int g = rows.groupSize();
    int groups = (k + g - 1) / g;
    int tableBytes = 2 * rows.variant().entriesPerTable(g);
    int rowBytes = rows.rowBytes(k);
    int lutStride = OperandGeometry.stride(state, CfgReg.LUT_ROW_STRIDE_BYTES, (long) groups * tableBytes, where);
    int accStride = OperandGeometry.stride(state, CfgReg.ACC_ROW_STRIDE_BYTES, 4L * n, where);
    int w = OperandGeometry.tile(state, Buffer.WGT, q.wgtAddr(), n, rowBytes, rowBytes, where, "weight indices");
    int l = OperandGeometry.tile(state, Buffer.LUT, q.lutAddr(), m, (long) groups * tableBytes, lutStride, where, "tables");
    int c = OperandGeometry.tile(state, Buffer.ACC, q.accAddr(), m, 4L * n, accStride, where, "accumulators");
    byte[] wgt = state.buffer(Buffer.WGT).bytes();
    byte[] lut = state.buffer(Buffer.LUT).bytes();
    byte[] accBytes = state.buffer(Buffer.ACC).bytes();

    // Decode every row's lookup selectors first: this validates all indices before anything is written.
    int entries = rows.variant().entriesPerTable(g);
    int perRow = groups * rows.lookupsPerGroup();
    int[] selectors = new int[n * perRow];
    long[] signCounts = new long[2];
    for (int r = 0; r < n; r++) {
      rows.decodeRow(wgt, w + r * rowBytes, k, selectors, r * perRow, signCounts, where + " WGT row " + r);
    }
    WeightTileStats stats = new WeightTileStats(signCounts[0], signCounts[1], (long) n * k - signCounts[0] - signCounts[1]);
    short[] tables = new short[m * groups * entries];
    int[] tokenOffset = new int[m];
    for (int t = 0; t < m; t++) {
      for (int j = 0; j < groups; j++) {
        int at = l + t * lutStride + j * tableBytes;
        for (int e = 0; e < entries; e++) {
          tables[(t * groups + j) * entries + e] = LittleEndian.getInt16(lut, at + 2 * e);
        }
        if (rows.offsetCoded()) {
          // BIT_SERIAL entry 2^g - 1 is the group's activation sum.
          tokenOffset[t] -= tables[(t * groups + j) * entries + entries - 1];
        }
      }
    }
    int[] acc = q.accumulate() ? OperandGeometry.readInt32Tile(accBytes, c, m, n, accStride) : new int[m * n];
    for (int r = 0; r < n; r++) {
      int sel = r * perRow;
      for (int t = 0; t < m; t++) {
        int tb = t * groups * entries;
        int s = tokenOffset[t];
        for (int j = 0; j < perRow; j++) {
          int code = selectors[sel + j];
          // code = table offset << 2 | doubled << 1 | negate (LutWeightRows.selector)
          int v = tables[tb + (code >>> 2)] << (code >>> 1 & 1);
          s += (code & 1) == 0 ? v : -v;
        }
        acc[t * n + r] += s;
      }
    }
    OperandGeometry.writeInt32Tile(accBytes, c, m, n, accStride, acc);
    charge(q, rows, stats, counters);
  }

  public void count(LutGemm q, MachineState state, ActionCounters counters) {
    charge(q, rows(q, state), null, counters);
  }

  /**
   * Lookups are M x N x ceil(K/g) x lookupsPerGroup, one accumulate add each. An offset-coded layout
   * also reads each (token, group) table's all-ones entry once (M x G reads, M x G adds forming the
   * token's activation sum) and subtracts that sum from each output (M x N adds).
   */
  private static void charge(LutGemm q, LutWeightRows rows, WeightTileStats stats, ActionCounters counters) {
    long m = q.m();
    long n = q.n();
    int rowBytes = rows.rowBytes(q.k());
    long groups = (q.k() + rows.groupSize() - 1) / rows.groupSize();
    long lookups = m * n * groups * rows.lookupsPerGroup();
    counters.lutTile(m, n, q.k(), stats, 0);
    long offsetReads = rows.offsetCoded() ? m * groups : 0;
    long offsetAdds = rows.offsetCoded() ? m * groups + m * n : 0;
    counters.lutLookups(lookups, lookups + offsetAdds);
    counters.sramRead(Buffer.WGT, n * rowBytes);
    counters.sramRead(Buffer.LUT, 2 * (lookups + offsetReads));
    if (q.accumulate()) {
      counters.sramRead(Buffer.ACC, 4 * m * n);
    }
    counters.sramWritten(Buffer.ACC, 4 * m * n);
  }

  private static void checkGroupSize(int g, String where) {
    if (g < 1 || g > 7) {
      throw new IllegalArgumentException(where + ": group size " + g + " is outside 1..7");
    }
  }
}
