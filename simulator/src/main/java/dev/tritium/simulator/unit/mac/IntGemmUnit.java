package dev.tritium.simulator.unit.mac;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.GemmIw;
import dev.tritium.isa.IntWidth;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.OperandGeometry;
import dev.tritium.simulator.memory.MachineState;

/**
 * Functional GEMM.IW: integer weights (int8 bytes, or int4 two's complement nibbles, even k in the low nibble) in
 * WGT on signed activation bytes in ACT, {@code ACC[m][n] (+)= sum_k W[n][k] * A[m][k]} in int32 (Java int
 * arithmetic: two's complement wrap, the same as the hardware's int32 accumulator). The weights are decoded here
 * from the bytes with this unit's own reader, not the mapper's packer.
 */
public final class IntGemmUnit {

  private static final String WHERE = "GEMM.IW";

  public void execute(GemmIw g, MachineState state, ActionCounters counters) {
    int multiplier = state.target().macIntMultiplierBits();
    if (multiplier == 0 || g.multiplierBits() > multiplier) {
      throw new IllegalStateException(WHERE + " with " + g.weights() + " weights and " + g.activations()
          + " activations needs int" + g.multiplierBits() + " multipliers in the MAC array; target '"
          + state.target().name() + "' has " + (multiplier == 0 ? "none" : "int" + multiplier));
    }
    int m = g.m();
    int n = g.n();
    int k = g.k();
    int rowBytes = Math.toIntExact(g.weights().weightRowBytes(k));
    int actStride = OperandGeometry.stride(state, CfgReg.ACT_ROW_STRIDE_BYTES, k, WHERE);
    int accStride = OperandGeometry.stride(state, CfgReg.ACC_ROW_STRIDE_BYTES, 4L * n, WHERE);
    int w = OperandGeometry.tile(state, Buffer.WGT, g.wgtAddr(), n, rowBytes, rowBytes, WHERE, "weights");
    int a = OperandGeometry.tile(state, Buffer.ACT, g.actAddr(), m, k, actStride, WHERE, "activations");
    int c = OperandGeometry.tile(state, Buffer.ACC, g.accAddr(), m, 4L * n, accStride, WHERE, "accumulators");
    int[] weights = decode(state.buffer(Buffer.WGT).bytes(), w, rowBytes, n, k, g.weights());
    byte[] act = state.buffer(Buffer.ACT).bytes();
    byte[] accBytes = state.buffer(Buffer.ACC).bytes();
    int[] acc = g.accumulate() ? OperandGeometry.readInt32Tile(accBytes, c, m, n, accStride) : new int[m * n];
    int[] x = new int[k];
    for (int t = 0; t < m; t++) {
      for (int i = 0; i < k; i++) {
        x[i] = act[a + t * actStride + i];
        if (x[i] < g.activations().min() || x[i] > g.activations().max()) {
          throw new IllegalStateException(WHERE + ": activation [" + t + "][" + i + "] at ACT " + (a + t * actStride
              + i) + " is " + x[i] + ", outside the " + g.activations() + " range [" + g.activations().min() + ", "
              + g.activations().max() + "]");
        }
      }
      for (int r = 0; r < n; r++) {
        int s = 0;
        int base = r * k;
        for (int i = 0; i < k; i++) {
          s += weights[base + i] * x[i];
        }
        acc[t * n + r] += s;
      }
    }
    OperandGeometry.writeInt32Tile(accBytes, c, m, n, accStride, acc);
    count(g, counters);
  }

  /** The n x k weights of the packed rows at {@code w}: int8 bytes, or int4 nibbles sign-extended. */
  static int[] decode(byte[] wgt, int w, int rowBytes, int n, int k, IntWidth width) {
    int[] out = new int[Math.multiplyExact(n, k)];
    for (int r = 0; r < n; r++) {
      int row = w + r * rowBytes;
      for (int i = 0; i < k; i++) {
        if (width == IntWidth.INT8) {
          out[r * k + i] = wgt[row + i];
        } else {
          int b = wgt[row + (i >> 1)];
          int nibble = (i & 1) == 0 ? b & 0xF : (b >> 4) & 0xF;
          out[r * k + i] = (nibble ^ 8) - 8; // sign-extend the two's complement nibble
        }
      }
    }
    return out;
  }

  /** The counts of one instruction (value-independent: the multipliers run on every pair, zeros included). */
  public void count(GemmIw g, ActionCounters counters) {
    long m = g.m();
    long n = g.n();
    long k = g.k();
    counters.intArrayMacs(g.weights(), g.activations(), m * n * k);
    counters.sramRead(Buffer.WGT, n * g.weights().weightRowBytes(k));
    counters.sramRead(Buffer.ACT, m * k);
    if (g.accumulate()) {
      counters.sramRead(Buffer.ACC, 4 * m * n);
    }
    counters.sramWritten(Buffer.ACC, 4 * m * n);
  }
}
