package dev.tritium.simulator.unit.mac;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.GemmQ2;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.OperandGeometry;
import dev.tritium.simulator.memory.LittleEndian;
import dev.tritium.simulator.memory.MachineState;

/**
 * Functional GEMM.Q2: 2-bit asymmetric codes (QuIP's {@code quip-w2}) applied to fp32 activations in VEC by the PEs'
 * fp32 adders. Each WGT row is k + 1 two-bit fields from bit 0 of its first byte: the zero point z, then the codes
 * q. Per output: {@code s = 0f} (or OUT with accumulate), then for k ascending {@code s = s + (float) (q - z) * a},
 * product and sum each rounded to fp32: the order of {@code Quip.Weights.apply}, so the result is bit-exact.
 *
 * <p>The hardware forms the product without a multiplier (simulator/README.md, "QuIP codes"): the array's edge makes
 * {@code 2a = a + a} (exact) and {@code 3a = a + 2a} (one rounding, the same as the product's) once per activation,
 * and a PE selects 0 (as {@code 0f * a}), a, 2a or 3a by {@code |q - z|}, negates it for a negative difference (exact:
 * rounding to nearest is symmetric) and adds it. {@code CodeProductTest} checks that equality over 2^24 seeded and
 * all special activations; this class computes the product form itself.
 */
public final class CodeGemmUnit {

  private static final String WHERE = "GEMM.Q2";

  public void execute(GemmQ2 g, MachineState state, ActionCounters counters) {
    if (state.target().macFloatAdderBits() != 32) {
      throw new IllegalArgumentException(WHERE + ": needs fp32 adders in the MAC array (mac_float_adders = fp32),"
          + " target '" + state.target().name() + "' has " + (state.target().macFloatAdders()
              ? "fp" + state.target().macFloatAdderBits() : "none"));
    }
    int m = g.m();
    int n = g.n();
    int k = g.k();
    int rowBytes = (int) GemmQ2.rowBytes(k);
    int actStride = OperandGeometry.stride(state, CfgReg.ACT_ROW_STRIDE_BYTES, 4L * k, WHERE);
    int outStride = OperandGeometry.stride(state, CfgReg.ACC_ROW_STRIDE_BYTES, 4L * n, WHERE);
    int w = OperandGeometry.tile(state, Buffer.WGT, g.wgtAddr(), n, rowBytes, rowBytes, WHERE, "codes");
    int a = OperandGeometry.tile(state, Buffer.VEC, g.actAddr(), m, 4L * k, actStride, WHERE, "activations");
    int c = OperandGeometry.tile(state, Buffer.VEC, g.outAddr(), m, 4L * n, outStride, WHERE, "outputs");
    byte[] wgt = state.buffer(Buffer.WGT).bytes();
    byte[] vec = state.buffer(Buffer.VEC).bytes();
    // (q - z) per weight, in -3..3, as the fp32 value the reference converts it to
    float[] diff = new float[Math.multiplyExact(n, k)];
    for (int r = 0; r < n; r++) {
      int row = w + r * rowBytes;
      int z = field(wgt, row, 0);
      for (int i = 0; i < k; i++) {
        diff[r * k + i] = (float) (field(wgt, row, i + 1) - z);
      }
    }
    float[] x = new float[k];
    float[] out = new float[m * n];
    for (int t = 0; t < m; t++) {
      for (int i = 0; i < k; i++) {
        x[i] = LittleEndian.getFp32(vec, a + t * actStride + 4 * i);
      }
      for (int r = 0; r < n; r++) {
        float s = g.accumulate() ? LittleEndian.getFp32(vec, c + t * outStride + 4 * r) : 0f;
        for (int i = 0; i < k; i++) {
          s = s + diff[r * k + i] * x[i];
        }
        out[t * n + r] = s;
      }
    }
    // Written after every read, so an output tile that overlaps the activations (in place) reads old values.
    for (int t = 0; t < m; t++) {
      for (int r = 0; r < n; r++) {
        LittleEndian.setFp32(vec, c + t * outStride + 4 * r, out[t * n + r]);
      }
    }
    count(g, counters);
  }

  /** Field i (0: the zero point, 1..k: the codes) of the row starting at byte {@code row}. */
  static int field(byte[] wgt, int row, int i) {
    return (wgt[row + i / 4] >>> (2 * (i % 4))) & 3;
  }

  /** The value-independent counts (the same with and without values). */
  public void count(GemmQ2 g, ActionCounters counters) {
    long m = g.m();
    long n = g.n();
    counters.codeArrayTile(m, n, g.k());
    counters.sramRead(Buffer.WGT, n * GemmQ2.rowBytes(g.k()));
    counters.sramRead(Buffer.VEC, 4 * m * g.k());
    if (g.accumulate()) {
      counters.sramRead(Buffer.VEC, 4 * m * n);
    }
    counters.sramWritten(Buffer.VEC, 4 * m * n);
  }
}
