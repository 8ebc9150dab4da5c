package dev.tritium.simulator.unit.vector;

import dev.tritium.common.HalfFloats;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.QuantIg;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.Fp32Op;
import dev.tritium.simulator.functional.OperandGeometry;
import dev.tritium.simulator.memory.LittleEndian;
import dev.tritium.simulator.memory.MachineState;

/**
 * Functional QUANT.IG on the vector lanes: each row's groups fitted to the symmetric integer grid and rounded, in the
 * order isa/README.md gives (this unit's own code; the reference's is models' IntGrid). Per group:
 * {@code m = max |v|} (exact in any order), {@code step = fp16(m / (2^(b-1) - 1))}, a non-finite step (an input
 * beyond fp16's range, or NaN) an execution error; {@code q = clamp(rint(v / step), -2^(b-1), 2^(b-1) - 1)}, 0 for a
 * zero step.
 */
public final class IntGridQuantUnit {

  public void execute(QuantIg g, MachineState state, ActionCounters counters) {
    String where = "QUANT.IG";
    int rows = g.rows();
    int len = g.len();
    int width = g.groupWidth();
    int groups = g.groups();
    int src = OperandGeometry.tile(state, Buffer.VEC, g.srcAddr(), rows, 4L * len, 4L * len, where, "src");
    int dst = OperandGeometry.tile(state, Buffer.ACT, g.dstAddr(), rows, len, len, where, "codes (dst)");
    int steps = OperandGeometry.tile(state, Buffer.VEC, g.stepsAddr(), 1, 4L * groups * rows, 4L * groups * rows,
        where, "steps");
    byte[] vec = state.buffer(Buffer.VEC).bytes();
    byte[] act = state.buffer(Buffer.ACT).bytes();
    int qmax = g.width().max();
    int qmin = g.width().min();
    float[] row = new float[len];
    byte[] codes = new byte[rows * len];
    float[] out = new float[groups * rows];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < len; i++) {
        row[i] = LittleEndian.getFp32(vec, src + 4 * (r * len + i));
      }
      for (int q = 0; q < groups; q++) {
        int from = q * width;
        int to = Math.min(len, from + width);
        float m = 0f;
        for (int i = from; i < to; i++) {
          m = Math.max(m, Math.abs(row[i]));
        }
        float step = HalfFloats.roundToF16(m / qmax);
        if (!Float.isFinite(step)) {
          throw new IllegalStateException(where + ": row " + r + ", group " + q + " has max |v| = " + m
              + ", whose step " + step + " is beyond fp16's range");
        }
        out[q * rows + r] = step;
        for (int i = from; i < to; i++) {
          float c = step == 0f ? 0f : (float) Math.rint(row[i] / step);
          codes[r * len + i] = (byte) Math.max(qmin, Math.min(qmax, c));
        }
      }
    }
    // Written after every read: the codes go to ACT, the steps to a VEC block the validator keeps apart from src.
    System.arraycopy(codes, 0, act, dst, codes.length);
    for (int i = 0; i < out.length; i++) {
      LittleEndian.setFp32(vec, steps + 4 * i, out[i]);
    }
    count(g, counters);
  }

  /**
   * Value-independent counts: per element an abs-and-max and two clamp comparisons (MAX x 3), a divide and a round;
   * per group one divide and two conversions (to binary16 and back).
   */
  public void count(QuantIg g, ActionCounters c) {
    long e = (long) g.rows() * g.len();
    long groups = (long) g.rows() * g.groups();
    c.fp32(Fp32Op.MAX, 3 * e);
    c.fp32(Fp32Op.DIV, e + groups);
    c.fp32(Fp32Op.ROUND, e);
    c.fp32(Fp32Op.CVT, 2 * groups);
    c.sramRead(Buffer.VEC, 4 * e);
    c.sramWritten(Buffer.ACT, e);
    c.sramWritten(Buffer.VEC, 4 * groups);
  }
}
