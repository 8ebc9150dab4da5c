package dev.tritium.simulator.unit.mac;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.GemmBp;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.BitPlaneCounts;
import dev.tritium.simulator.functional.OperandGeometry;
import dev.tritium.simulator.memory.MachineState;

/**
 * Functional GEMM.BP: the weight and activation rows' bit planes (zero-point byte, then the planes, bit c of a plane
 * in bit {@code c % 8} of byte {@code c / 8}) read with this unit's own reader, and in int32 (Java int arithmetic:
 * two's complement wrap, as the hardware's accumulator)
 * {@code ACC[i][j] (+)= sum_p sum_q 2^(p+q) popcount(W_p[j] AND A_q[i]) - z_x[i] S_w[j] - z_w[j] S_x[i] + k z_w[j]
 * z_x[i]}. The planes are gathered into 64-column words here only to popcount faster: the sum is the same as the
 * PEs' byte-wise one. A zero-point at or above 2^planes is an execution error (it is not an unsigned code of that
 * width).
 */
public final class BitPlaneGemmUnit {

  private static final String WHERE = "GEMM.BP";

  public void execute(GemmBp g, MachineState state, ActionCounters counters) {
    if (!state.target().macBitPlane()) {
      throw new IllegalStateException(WHERE + " needs bit-plane (AND + popcount) PEs in the MAC array; target '"
          + state.target().name() + "' has none (mac_array.bit_plane)");
    }
    int m = g.m();
    int n = g.n();
    int k = g.k();
    int wRow = Math.toIntExact(g.weightRowBytes());
    int aRow = Math.toIntExact(g.activationRowBytes());
    int actStride = OperandGeometry.stride(state, CfgReg.ACT_ROW_STRIDE_BYTES, aRow, WHERE);
    int accStride = OperandGeometry.stride(state, CfgReg.ACC_ROW_STRIDE_BYTES, 4L * n, WHERE);
    int w = OperandGeometry.tile(state, Buffer.WGT, g.wgtAddr(), n, wRow, wRow, WHERE, "weight planes");
    int a = OperandGeometry.tile(state, Buffer.ACT, g.actAddr(), m, aRow, actStride, WHERE, "activation planes");
    int c = OperandGeometry.tile(state, Buffer.ACC, g.accAddr(), m, 4L * n, accStride, WHERE, "accumulators");
    Planes wp = Planes.read(state.buffer(Buffer.WGT).bytes(), w, wRow, n, k, g.weightPlanes(), "weight");
    Planes ap = Planes.read(state.buffer(Buffer.ACT).bytes(), a, actStride, m, k, g.activationPlanes(), "activation");
    byte[] accBytes = state.buffer(Buffer.ACC).bytes();
    int[] acc = g.accumulate() ? OperandGeometry.readInt32Tile(accBytes, c, m, n, accStride) : new int[m * n];
    int words = wp.words();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int s = 0;
        for (int p = 0; p < g.weightPlanes(); p++) {
          long[] wr = wp.plane(j, p);
          for (int q = 0; q < g.activationPlanes(); q++) {
            long[] ar = ap.plane(i, q);
            int dot = 0;
            for (int x = 0; x < words; x++) {
              dot += Long.bitCount(wr[x] & ar[x]);
            }
            s += dot << (p + q);
          }
        }
        // The edge's zero-point terms, in the ISA's order (int32, wrapping).
        s = s - ap.zero(i) * wp.sum(j) - wp.zero(j) * ap.sum(i) + k * wp.zero(j) * ap.zero(i);
        acc[i * n + j] += s;
      }
    }
    OperandGeometry.writeInt32Tile(accBytes, c, m, n, accStride, acc);
    count(g, counters);
  }

  /**
   * One operand's rows as 64-column plane words, with each row's zero-point and weighted popcount
   * {@code S = sum_p 2^p popcount(plane_p)}.
   */
  private record Planes(long[][][] words3, int[] zeros, int[] sums, int words) {

    long[] plane(int row, int p) {
      return words3[row][p];
    }

    int zero(int row) {
      return zeros[row];
    }

    int sum(int row) {
      return sums[row];
    }

    static Planes read(byte[] buf, int addr, int stride, int rows, int k, int planes, String what) {
      int planeBytes = (k + 7) / 8;
      int words = (k + 63) / 64;
      long[][][] out = new long[rows][planes][words];
      int[] zeros = new int[rows];
      int[] sums = new int[rows];
      for (int r = 0; r < rows; r++) {
        int row = addr + r * stride;
        zeros[r] = buf[row] & 0xFF;
        if (zeros[r] >= 1 << planes) {
          throw new IllegalStateException(WHERE + ": " + what + " row " + r + " at byte " + row + " has zero-point "
              + zeros[r] + ", outside the " + planes + "-plane code range [0, " + ((1 << planes) - 1) + "]");
        }
        for (int p = 0; p < planes; p++) {
          int base = row + 1 + p * planeBytes;
          long[] pw = out[r][p];
          for (int b = 0; b < planeBytes; b++) {
            int valid = Math.min(8, k - 8 * b); // bits at columns >= k are ignored
            long bits = buf[base + b] & 0xFF & ((1 << valid) - 1);
            pw[b >> 3] |= bits << (8 * (b & 7));
          }
          int pop = 0;
          for (long x : pw) {
            pop += Long.bitCount(x);
          }
          sums[r] += pop << p;
        }
      }
      return new Planes(out, zeros, sums, words);
    }
  }

  /**
   * The counts of one instruction (value-independent: every PE runs every pass): {@code m n P Q ceil(k / 8)} AND +
   * popcount byte operations, {@code m n P Q} pass adds and {@code 3 m n} zero-point multiply-adds at the edge
   * ({@link BitPlaneCounts}).
   */
  public void count(GemmBp g, ActionCounters counters) {
    long m = g.m();
    long n = g.n();
    long kb = TernaryMacArray.bitPlaneBytes(g.k());
    long passes = m * n * g.weightPlanes() * g.activationPlanes();
    counters.bitPlane(new BitPlaneCounts(passes * kb, passes, 3 * m * n));
    counters.sramRead(Buffer.WGT, n * g.weightRowBytes());
    counters.sramRead(Buffer.ACT, m * g.activationRowBytes());
    if (g.accumulate()) {
      counters.sramRead(Buffer.ACC, 4 * m * n);
    }
    counters.sramWritten(Buffer.ACC, 4 * m * n);
  }
}
