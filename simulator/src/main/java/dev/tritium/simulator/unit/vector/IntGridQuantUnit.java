package dev.tritium.simulator.unit.vector;

import dev.tritium.common.HalfFloats;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.IntWidth;
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
 * zero step. Asymmetric (INT4 only, the validator's rule): {@code lo = min(0, min v)}, {@code hi = max(0, max v)},
 * {@code step = fp16((hi - lo) / (2^b - 1))}, {@code z = clamp(rint(-lo / step), 0, 2^b - 1)},
 * {@code q = clamp(rint(v / step) + z, 0, 2^b - 1)} (fp32 throughout, Java's min and max), the byte written
 * {@code q - z}; a zero step gives 0.
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
    if (g.asymmetric() && g.width() != IntWidth.INT4) {
      throw new IllegalStateException(where + ": the asymmetric grid writes q - z as one signed byte, INT4 only;"
          + " found width " + g.width());
    }
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
        if (g.asymmetric()) {
          out[q * rows + r] = asymmetric(row, from, to, codes, r * len, g.width(), where, r, q);
          continue;
        }
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
   * One group {@code v[from, to)} on the asymmetric b-bit grid: codes {@code q - z} into {@code codes[at + i]}, the
   * step returned. The order is isa/README.md's (QUANT.IG, asymmetric).
   */
  private static float asymmetric(float[] v, int from, int to, byte[] codes, int at, IntWidth w, String where,
      int r, int q) {
    float levels = (1 << w.bits()) - 1;
    float lo = 0f;
    float hi = 0f;
    for (int i = from; i < to; i++) {
      lo = Math.min(lo, v[i]);
      hi = Math.max(hi, v[i]);
    }
    float step = HalfFloats.roundToF16((hi - lo) / levels);
    if (!Float.isFinite(step)) {
      throw new IllegalStateException(where + ": row " + r + ", group " + q + " spans [" + lo + ", " + hi
          + "], whose step " + step + " is beyond fp16's range");
    }
    float z = step == 0f ? 0f : Math.max(0f, Math.min(levels, (float) Math.rint(-lo / step)));
    for (int i = from; i < to; i++) {
      float c = step == 0f ? z : Math.max(0f, Math.min(levels, (float) Math.rint(v[i] / step) + z));
      codes[at + i] = (byte) ((int) c - (int) z);
    }
    return step;
  }

  /**
   * Value-independent counts: per element an abs-and-max and two clamp comparisons (MAX x 3), a divide and a round;
   * per group one divide and two conversions (to binary16 and back).
   */
  public void count(QuantIg g, ActionCounters c) {
    long e = (long) g.rows() * g.len();
    long groups = (long) g.rows() * g.groups();
    if (g.asymmetric()) {
      countAsymmetric(e, groups, c);
      return;
    }
    c.fp32(Fp32Op.MAX, 3 * e);
    c.fp32(Fp32Op.DIV, e + groups);
    c.fp32(Fp32Op.ROUND, e);
    c.fp32(Fp32Op.CVT, 2 * groups);
    c.sramRead(Buffer.VEC, 4 * e);
    c.sramWritten(Buffer.ACT, e);
    c.sramWritten(Buffer.VEC, 4 * groups);
  }

  /**
   * Asymmetric: per element a min and a max (the range) and two clamp comparisons (MAX x 4), a divide, a round and
   * the adds of + z and - z (ADD x 2); per group the range's subtraction (ADD), two divides (the step, -lo / step),
   * a round and two clamp comparisons for z, and two conversions.
   */
  private static void countAsymmetric(long e, long groups, ActionCounters c) {
    c.fp32(Fp32Op.MAX, 4 * e + 2 * groups);
    c.fp32(Fp32Op.DIV, e + 2 * groups);
    c.fp32(Fp32Op.ROUND, e + groups);
    c.fp32(Fp32Op.ADD, 2 * e + groups);
    c.fp32(Fp32Op.CVT, 2 * groups);
    c.sramRead(Buffer.VEC, 4 * e);
    c.sramWritten(Buffer.ACT, e);
    c.sramWritten(Buffer.VEC, 4 * groups);
  }
}
