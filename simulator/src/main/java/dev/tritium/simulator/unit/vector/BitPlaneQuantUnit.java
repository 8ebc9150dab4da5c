package dev.tritium.simulator.unit.vector;

import dev.tritium.common.HalfFloats;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.QuantBp;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.Fp32Op;
import dev.tritium.simulator.functional.OperandGeometry;
import dev.tritium.simulator.memory.LittleEndian;
import dev.tritium.simulator.memory.MachineState;

/**
 * Functional QUANT.BP on the vector lanes: each row fitted to the asymmetric Q-bit grid and written as GEMM.BP's
 * activation row (zero-point byte, then Q bit planes), in the order isa/README.md gives (this unit's own code; the
 * reference's is models' IntGrid). Per row: {@code lo = min(0, min v)}, {@code hi = max(0, max v)},
 * {@code step = fp16((hi - lo) / (2^Q - 1))}, a non-finite step an execution error; a zero step gives codes and
 * zero-point 0; else {@code z = clamp(rint(-lo / step), 0, 2^Q - 1)}, {@code u = clamp(rint(v / step) + z, 0,
 * 2^Q - 1)}.
 */
public final class BitPlaneQuantUnit {

  private static final String WHERE = "QUANT.BP";

  public void execute(QuantBp g, MachineState state, ActionCounters counters) {
    int rows = g.rows();
    int len = g.len();
    int q = g.planes();
    int rowBytes = Math.toIntExact(g.rowBytes());
    int planeBytes = (len + 7) / 8; // unused with bytes: each code is then one byte
    int src = OperandGeometry.tile(state, Buffer.VEC, g.srcAddr(), rows, 4L * len, 4L * len, WHERE, "src");
    int dst = OperandGeometry.tile(state, Buffer.ACT, g.dstAddr(), rows, rowBytes, rowBytes, WHERE, "planes (dst)");
    int steps = OperandGeometry.tile(state, Buffer.VEC, g.stepsAddr(), 1, 4L * rows, 4L * rows, WHERE, "steps");
    byte[] vec = state.buffer(Buffer.VEC).bytes();
    byte[] act = state.buffer(Buffer.ACT).bytes();
    int umax = (1 << q) - 1;
    float[] row = new float[len];
    byte[] out = new byte[rows * rowBytes];
    float[] outSteps = new float[rows];
    for (int r = 0; r < rows; r++) {
      float lo = 0f;
      float hi = 0f;
      for (int i = 0; i < len; i++) {
        row[i] = LittleEndian.getFp32(vec, src + 4 * (r * len + i));
        lo = Math.min(lo, row[i]);
        hi = Math.max(hi, row[i]);
      }
      float step = HalfFloats.roundToF16((hi - lo) / umax);
      if (!Float.isFinite(step)) {
        throw new IllegalStateException(WHERE + ": row " + r + " spans [" + lo + ", " + hi + "], whose step " + step
            + " is beyond fp16's range");
      }
      outSteps[r] = step;
      if (step == 0f) {
        continue; // codes and zero-point 0: the row's bytes stay 0
      }
      int zero = (int) Math.max(0, Math.min(umax, (float) Math.rint(-lo / step)));
      int base = r * rowBytes;
      out[base] = (byte) zero;
      for (int i = 0; i < len; i++) {
        float c = (float) Math.rint(row[i] / step);
        int u = (int) Math.max(0, Math.min(umax, c + zero));
        if (g.bytes()) {
          out[base + 1 + i] = (byte) u; // LUT.BUILD.BP's layout: one byte per code after the zero-point
          continue;
        }
        for (int p = 0; p < q; p++) {
          if (((u >> p) & 1) != 0) {
            out[base + 1 + p * planeBytes + (i >> 3)] |= (byte) (1 << (i & 7));
          }
        }
      }
    }
    // Written after every read: the planes go to ACT, the steps to a VEC block the validator keeps apart from src.
    System.arraycopy(out, 0, act, dst, out.length);
    for (int r = 0; r < rows; r++) {
      LittleEndian.setFp32(vec, steps + 4 * r, outSteps[r]);
    }
    count(g, counters);
  }

  /**
   * Value-independent counts: per element a min and a max for the range and two clamp comparisons (MAX x 4), a
   * divide, a round and an add of the zero-point; per row the range's subtraction, two divides (step and zero-point),
   * one round and two conversions (to binary16 and back).
   */
  public void count(QuantBp g, ActionCounters c) {
    long e = (long) g.rows() * g.len();
    long rows = g.rows();
    c.fp32(Fp32Op.MAX, 4 * e);
    c.fp32(Fp32Op.DIV, e + 2 * rows);
    c.fp32(Fp32Op.ROUND, e + rows);
    c.fp32(Fp32Op.ADD, e + rows);
    c.fp32(Fp32Op.CVT, 2 * rows);
    c.sramRead(Buffer.VEC, 4 * e);
    c.sramWritten(Buffer.ACT, rows * g.rowBytes());
    c.sramWritten(Buffer.VEC, 4 * rows);
  }
}
