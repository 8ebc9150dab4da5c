package dev.tritium.simulator.unit.vector;

import dev.tritium.common.HalfFloats;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.GemmF16;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.Fp32Op;
import dev.tritium.simulator.functional.OperandGeometry;
import dev.tritium.simulator.memory.LittleEndian;
import dev.tritium.simulator.memory.MachineState;

/**
 * Functional GEMM.F16 (fp16 attention on the vector unit's fp32 lanes): {@code VEC[m][n] (+)= sum_k A[m][k] B[n][k]},
 * or {@code B[k][n]} with transpose_b. A and B are binary16 in ACT (rows at ACT_ROW_STRIDE_BYTES, dense 2k or 2n
 * bytes); C is fp32 in VEC, dense. Op order: each fp16 value widened exactly to fp32; {@code s = 0f} (or C), then
 * {@code s = s + a * b} for k = 0, 1, ... with the product rounded (exact for two fp16 values) and every sum
 * rounded to fp32 (Java never fuses them): the order of the reference's fp16 attention (models.nn.Attention).
 */
public final class F16GemmUnit {

  public void execute(GemmF16 g, MachineState state, ActionCounters counters) {
    String where = "GEMM.F16";
    int m = g.m();
    int n = g.n();
    int k = g.k();
    int aStride = OperandGeometry.stride(state, CfgReg.ACT_ROW_STRIDE_BYTES, 2L * k, where);
    int bRowValues = g.transposeB() ? n : k;
    int bRows = g.transposeB() ? k : n;
    int bStride = OperandGeometry.stride(state, CfgReg.ACT_ROW_STRIDE_BYTES, 2L * bRowValues, where);
    int a = OperandGeometry.tile(state, Buffer.ACT, g.aAddr(), m, 2L * k, aStride, where, "A");
    int b = OperandGeometry.tile(state, Buffer.ACT, g.bAddr(), bRows, 2L * bRowValues, bStride, where, "B");
    int c = OperandGeometry.tile(state, Buffer.VEC, g.cAddr(), m, 4L * n, 4L * n, where, "C");
    byte[] act = state.buffer(Buffer.ACT).bytes();
    byte[] vec = state.buffer(Buffer.VEC).bytes();
    // B as a dense [n][k] float array, so the inner loop is a contiguous dot product either way.
    float[] bt = new float[n * k];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < k; i++) {
        int at = g.transposeB() ? b + i * bStride + 2 * r : b + r * bStride + 2 * i;
        bt[r * k + i] = half(act, at);
      }
    }
    float[] arow = new float[k];
    float[] out = new float[m * n];
    for (int t = 0; t < m; t++) {
      for (int i = 0; i < k; i++) {
        arow[i] = half(act, a + t * aStride + 2 * i);
      }
      for (int r = 0; r < n; r++) {
        float s = g.accumulate() ? LittleEndian.getFp32(vec, c + 4 * (t * n + r)) : 0f;
        int base = r * k;
        for (int i = 0; i < k; i++) {
          s = s + arow[i] * bt[base + i];
        }
        out[t * n + r] = s;
      }
    }
    for (int i = 0; i < out.length; i++) {
      LittleEndian.setFp32(vec, c + 4 * i, out[i]);
    }
    count(g, counters);
  }

  private static float half(byte[] bytes, int at) {
    return HalfFloats.f16ToFloat((bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8);
  }

  /** m n k multiply-adds on the fp32 lanes (each fp16 operand widened on the way in), and the operand bytes. */
  public void count(GemmF16 g, ActionCounters counters) {
    long m = g.m();
    long n = g.n();
    long k = g.k();
    counters.fp32(Fp32Op.MAC, m * n * k);
    counters.sramRead(Buffer.ACT, 2 * (m * k + n * k));
    if (g.accumulate()) {
      counters.sramRead(Buffer.VEC, 4 * m * n);
    }
    counters.sramWritten(Buffer.VEC, 4 * m * n);
  }
}
