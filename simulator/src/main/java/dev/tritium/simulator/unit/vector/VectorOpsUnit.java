package dev.tritium.simulator.unit.vector;

import dev.tritium.common.HalfFloats;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.KvCodes;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.Fp32Op;
import dev.tritium.simulator.functional.OperandGeometry;
import dev.tritium.simulator.memory.LittleEndian;
import dev.tritium.simulator.memory.MachineState;

/**
 * Functional vector unit. Rows are dense ([rows][len], fp32 or int32 words, int8 for QUANT's output).
 * Every op reads a whole source row before writing its destination row, so dst may alias a source.
 * The fp32 op order of each op is fixed (simulator/README.md) and equals the reference engine's
 * (models/README.md), so results are bit-exact where both compute the same thing.
 */
public final class VectorOpsUnit {

  static final float QUANT_EPS = 1e-5f;

  public void execute(Vec v, MachineState state, ActionCounters counters) {
    String where = "VEC." + v.op();
    int rows = v.rows();
    int len = v.len();
    long rowBytes = 4L * len;
    switch (v.op()) {
      case QUANT -> {
        int src = tile(state, Buffer.VEC, v.srcAAddr(), rows, rowBytes, where, "src_a");
        int dst = tile(state, Buffer.ACT, v.dstAddr(), rows, len, where, "dst");
        int scales = tile(state, Buffer.VEC, v.srcBAddr(), 1, 4L * rows, where, "scales (src_b)");
        byte[] vec = state.buffer(Buffer.VEC).bytes();
        byte[] act = state.buffer(Buffer.ACT).bytes();
        float[] x = new float[len];
        for (int r = 0; r < rows; r++) {
          readRow(vec, src + r * (int) rowBytes, x);
          float absMax = 0f;
          for (float e : x) {
            absMax = Math.max(absMax, Math.abs(e));
          }
          float s = 127.0f / Math.max(absMax, QUANT_EPS);
          for (int i = 0; i < len; i++) {
            float q = (float) Math.rint(x[i] * s);
            act[dst + r * len + i] = (byte) Math.max(-128f, Math.min(127f, q));
          }
          LittleEndian.setFp32(vec, scales + 4 * r, s);
        }
      }
      case DEQUANT -> {
        float sw = state.cfgFloat(CfgReg.DEQUANT_WEIGHT_SCALE);
        requireConfigured(sw, CfgReg.DEQUANT_WEIGHT_SCALE, where);
        int src = tile(state, Buffer.ACC, v.srcAAddr(), rows, rowBytes, where, "src_a");
        int dst = tile(state, Buffer.VEC, v.dstAddr(), rows, rowBytes, where, "dst");
        int scales = tile(state, Buffer.VEC, v.srcBAddr(), 1, 4L * rows, where, "scales (src_b)");
        byte[] acc = state.buffer(Buffer.ACC).bytes();
        byte[] vec = state.buffer(Buffer.VEC).bytes();
        for (int r = 0; r < rows; r++) {
          float denom = sw * LittleEndian.getFp32(vec, scales + 4 * r);
          for (int i = 0; i < len; i++) {
            int a = LittleEndian.getInt32(acc, src + r * (int) rowBytes + 4 * i);
            LittleEndian.setFp32(vec, dst + r * (int) rowBytes + 4 * i, (float) a / denom);
          }
        }
      }
      case RMSNORM -> {
        float eps = state.cfgFloat(CfgReg.RMSNORM_EPS);
        requireConfigured(eps, CfgReg.RMSNORM_EPS, where);
        float[] gamma = readVec(state, v.srcBAddr(), 1, len, where, "gamma (src_b)");
        rowWise(state, v, where, (x, r) -> {
          float ss = 0f;
          for (float e : x) {
            ss += e * e;
          }
          float mean = ss / len;
          float inv = 1f / (float) Math.sqrt(mean + eps);
          for (int i = 0; i < len; i++) {
            x[i] = (x[i] * inv) * gamma[i];
          }
        });
      }
      case ADD, MUL, GATE_RELU2, GATE_SILU -> binary(state, v, where);
      case SOFTMAX -> rowWise(state, v, where, (x, r) -> {
        int valid = validLength(v.imm(), r, len);
        float m = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < valid; j++) {
          m = Math.max(m, x[j]);
        }
        float sum = 0f;
        for (int j = 0; j < valid; j++) {
          float e = (float) Math.exp(x[j] - m);
          x[j] = e;
          sum += e;
        }
        for (int j = 0; j < valid; j++) {
          x[j] = x[j] / sum;
        }
        for (int j = valid; j < len; j++) {
          x[j] = 0f;
        }
      });
      case ROPE -> {
        RopeTable rope = RopeTable.of(state, len, where);
        rowWise(state, v, where, (x, r) -> rope.rotate(x, v.imm() + r));
      }
      case COPY -> {
        int src = tile(state, Buffer.VEC, v.srcAAddr(), rows, rowBytes, where, "src_a");
        int dst = tile(state, Buffer.VEC, v.dstAddr(), rows, rowBytes, where, "dst");
        byte[] vec = state.buffer(Buffer.VEC).bytes();
        System.arraycopy(vec, src, vec, dst, rows * (int) rowBytes);
      }
      case TO_F16 -> {
        int src = tile(state, Buffer.VEC, v.srcAAddr(), rows, rowBytes, where, "src_a");
        int dst = tile(state, Buffer.ACT, v.dstAddr(), rows, 2L * len, where, "dst");
        byte[] vec = state.buffer(Buffer.VEC).bytes();
        byte[] act = state.buffer(Buffer.ACT).bytes();
        for (int i = 0; i < rows * len; i++) {
          int h = HalfFloats.floatToF16(LittleEndian.getFp32(vec, src + 4 * i));
          act[dst + 2 * i] = (byte) h;
          act[dst + 2 * i + 1] = (byte) (h >>> 8);
        }
      }
      case ROUND_F16 -> rowWise(state, v, where, (x, r) -> {
        for (int i = 0; i < x.length; i++) {
          x[i] = HalfFloats.f16ToFloat(HalfFloats.floatToF16(x[i]));
        }
      });
      case MUL_ROW -> {
        float[] b = readVec(state, v.srcBAddr(), 1, len, where, "row b (src_b)");
        scaled(state, v, where, (x, r, i) -> x * b[i]);
      }
      case OUTER -> {
        float[] a = readVec(state, v.srcAAddr(), 1, rows, where, "per-row a (src_a)");
        float[] b = readVec(state, v.srcBAddr(), 1, len, where, "row b (src_b)");
        scaled(state, v, where, (x, r, i) -> a[r] * b[i]);
      }
      case FWHT -> rowWise(state, v, where, (x, r) -> WalshHadamard.transform(x, where));
      case ACC_SCALE -> accScale(state, v, where);
      case KV_QUANT -> KvCodeUnit.quantize(state, v, where);
      case KV_DEQUANT -> KvCodeUnit.dequantize(state, v, where);
      case SCALE -> {
        float f = state.cfgFloat(CfgReg.VEC_SCALE);
        requireConfigured(f, CfgReg.VEC_SCALE, where);
        rowWise(state, v, where, (x, r) -> {
          for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * f;
          }
        });
      }
    }
    count(v, state, counters);
  }

  /**
   * ACC_SCALE: imm 0 or 1 {@code y = (imm 1 ? dst : 0f) + (((float) acc * s_w[j]) * s_x[r])}, imm 2
   * {@code y = ((float) acc * s_w[j]) / s_x[r]}, each operation rounded to fp32 in that order (isa/README.md). src_b
   * holds s_w [len] then s_x [rows].
   */
  private static void accScale(MachineState state, Vec v, String where) {
    int rows = v.rows();
    int len = v.len();
    long rowBytes = 4L * len;
    boolean divide = v.imm() == VecOp.ACC_SCALE_DIVIDE;
    if (v.imm() > VecOp.ACC_SCALE_DIVIDE) {
      throw new IllegalArgumentException(where + ": imm must be 0 (write), 1 (add to dst) or 2 (divide by s_x), got "
          + v.imm());
    }
    int src = tile(state, Buffer.ACC, v.srcAAddr(), rows, rowBytes, where, "src_a");
    int dst = tile(state, Buffer.VEC, v.dstAddr(), rows, rowBytes, where, "dst");
    float[] steps = readVec(state, v.srcBAddr(), 1, len + rows, where, "s_w then s_x (src_b)");
    byte[] acc = state.buffer(Buffer.ACC).bytes();
    byte[] vec = state.buffer(Buffer.VEC).bytes();
    float[] out = new float[rows * len];
    for (int r = 0; r < rows; r++) {
      float sx = steps[len + r];
      for (int i = 0; i < len; i++) {
        float a = (float) LittleEndian.getInt32(acc, src + r * (int) rowBytes + 4 * i);
        float scaled = a * steps[i];
        out[r * len + i] = divide ? scaled / sx
            : (v.imm() == 1 ? LittleEndian.getFp32(vec, dst + r * (int) rowBytes + 4 * i) : 0f) + scaled * sx;
      }
    }
    for (int i = 0; i < out.length; i++) {
      LittleEndian.setFp32(vec, dst + 4 * i, out[i]);
    }
  }

  /** Valid (unmasked) columns of row r: all when imm = 0, else min(len, imm + r). */
  static int validLength(int imm, int row, int len) {
    return imm == 0 ? len : Math.min(len, imm + row);
  }

  private interface RowOp {
    void apply(float[] row, int rowIndex);
  }

  /** VEC src_a [rows][len] -> op in place on a copy -> VEC dst. */
  private static void rowWise(MachineState state, Vec v, String where, RowOp op) {
    long rowBytes = 4L * v.len();
    int src = tile(state, Buffer.VEC, v.srcAAddr(), v.rows(), rowBytes, where, "src_a");
    int dst = tile(state, Buffer.VEC, v.dstAddr(), v.rows(), rowBytes, where, "dst");
    byte[] vec = state.buffer(Buffer.VEC).bytes();
    float[] x = new float[v.len()];
    for (int r = 0; r < v.rows(); r++) {
      readRow(vec, src + r * (int) rowBytes, x);
      op.apply(x, r);
      writeRow(vec, dst + r * (int) rowBytes, x);
    }
  }

  private interface ElementProduct {
    /** The product for element i of row r; {@code x} is src_a's element (MUL_ROW only). */
    float of(float x, int r, int i);
  }

  /**
   * MUL_ROW and OUTER: y = product (imm 0) or y = dst + product (imm 1), product rounded before the add. Every
   * product is computed before dst is written, so dst may alias a source.
   */
  private static void scaled(MachineState state, Vec v, String where, ElementProduct product) {
    long rowBytes = 4L * v.len();
    boolean perElementA = v.op() == VecOp.MUL_ROW;
    int a = perElementA ? tile(state, Buffer.VEC, v.srcAAddr(), v.rows(), rowBytes, where, "src_a") : 0;
    int d = tile(state, Buffer.VEC, v.dstAddr(), v.rows(), rowBytes, where, "dst");
    if (v.imm() > 1) {
      throw new IllegalArgumentException(where + ": imm must be 0 (write dst) or 1 (add to dst), got " + v.imm());
    }
    byte[] vec = state.buffer(Buffer.VEC).bytes();
    float[] out = new float[v.rows() * v.len()];
    for (int r = 0; r < v.rows(); r++) {
      for (int i = 0; i < v.len(); i++) {
        int at = r * v.len() + i;
        float x = perElementA ? LittleEndian.getFp32(vec, a + 4 * at) : 0f;
        float p = product.of(x, r, i);
        out[at] = v.imm() == 1 ? LittleEndian.getFp32(vec, d + 4 * at) + p : p;
      }
    }
    for (int i = 0; i < out.length; i++) {
      LittleEndian.setFp32(vec, d + 4 * i, out[i]);
    }
  }

  private static void binary(MachineState state, Vec v, String where) {
    long rowBytes = 4L * v.len();
    int a = tile(state, Buffer.VEC, v.srcAAddr(), v.rows(), rowBytes, where, "src_a");
    int b = tile(state, Buffer.VEC, v.srcBAddr(), v.rows(), rowBytes, where, "src_b");
    int d = tile(state, Buffer.VEC, v.dstAddr(), v.rows(), rowBytes, where, "dst");
    byte[] vec = state.buffer(Buffer.VEC).bytes();
    int words = v.rows() * v.len();
    float[] out = new float[words];
    for (int i = 0; i < words; i++) {
      float x = LittleEndian.getFp32(vec, a + 4 * i);
      float y = LittleEndian.getFp32(vec, b + 4 * i);
      out[i] = switch (v.op()) {
        case ADD -> x + y;
        case MUL -> x * y;
        case GATE_RELU2 -> {
          float r = Math.max(x, 0f);
          yield (r * r) * y;
        }
        case GATE_SILU -> (x / (1f + (float) Math.exp(-x))) * y;
        default -> throw new IllegalStateException("not a binary op: " + v.op());
      };
    }
    for (int i = 0; i < words; i++) {
      LittleEndian.setFp32(vec, d + 4 * i, out[i]);
    }
  }

  private static int tile(MachineState state, Buffer b, long addr, long rows, long rowBytes, String where,
      String operand) {
    return OperandGeometry.tile(state, b, addr, rows, rowBytes, rowBytes, where, operand);
  }

  private static float[] readVec(MachineState state, long addr, int rows, int len, String where, String operand) {
    int at = tile(state, Buffer.VEC, addr, rows, 4L * len, where, operand);
    float[] out = new float[rows * len];
    readRow(state.buffer(Buffer.VEC).bytes(), at, out);
    return out;
  }

  private static void readRow(byte[] bytes, int at, float[] row) {
    for (int i = 0; i < row.length; i++) {
      row[i] = LittleEndian.getFp32(bytes, at + 4 * i);
    }
  }

  private static void writeRow(byte[] bytes, int at, float[] row) {
    for (int i = 0; i < row.length; i++) {
      LittleEndian.setFp32(bytes, at + 4 * i, row[i]);
    }
  }

  static void requireConfigured(float value, CfgReg reg, String where) {
    if (!reg.usable(Integer.toUnsignedLong(Float.floatToRawIntBits(value)))) {
      throw new IllegalArgumentException(where + ": CFG register " + reg + " is " + value
          + "; set it with CFG before this instruction");
    }
  }

  /** Value-independent fp32 op and byte counts (the table in simulator/README.md). */
  public void count(Vec v, MachineState state, ActionCounters c) {
    long rows = v.rows();
    long len = v.len();
    long e = rows * len;
    long words = 4 * e;
    switch (v.op()) {
      case QUANT -> {
        c.fp32(Fp32Op.MAX, rows * (3 * len + 1));
        c.fp32(Fp32Op.DIV, rows);
        c.fp32(Fp32Op.MUL, e);
        c.fp32(Fp32Op.ROUND, e);
        c.sramRead(Buffer.VEC, words);
        c.sramWritten(Buffer.ACT, e);
        c.sramWritten(Buffer.VEC, 4 * rows);
      }
      case DEQUANT -> {
        c.fp32(Fp32Op.MUL, rows);
        c.fp32(Fp32Op.CVT, e);
        c.fp32(Fp32Op.DIV, e);
        c.sramRead(Buffer.ACC, words);
        c.sramRead(Buffer.VEC, 4 * rows);
        c.sramWritten(Buffer.VEC, words);
      }
      case RMSNORM -> {
        c.fp32(Fp32Op.MAC, e);
        c.fp32(Fp32Op.DIV, 2 * rows);
        c.fp32(Fp32Op.ADD, rows);
        c.fp32(Fp32Op.SQRT, rows);
        c.fp32(Fp32Op.MUL, 2 * e);
        c.sramRead(Buffer.VEC, words + 4 * len);
        c.sramWritten(Buffer.VEC, words);
      }
      case ADD, MUL -> {
        c.fp32(v.op() == VecOp.ADD ? Fp32Op.ADD : Fp32Op.MUL, e);
        c.sramRead(Buffer.VEC, 2 * words);
        c.sramWritten(Buffer.VEC, words);
      }
      case GATE_RELU2 -> {
        c.fp32(Fp32Op.MAX, e);
        c.fp32(Fp32Op.MUL, 2 * e);
        c.sramRead(Buffer.VEC, 2 * words);
        c.sramWritten(Buffer.VEC, words);
      }
      case GATE_SILU -> {
        c.fp32(Fp32Op.EXP, e);
        c.fp32(Fp32Op.ADD, e);
        c.fp32(Fp32Op.DIV, e);
        c.fp32(Fp32Op.MUL, e);
        c.sramRead(Buffer.VEC, 2 * words);
        c.sramWritten(Buffer.VEC, words);
      }
      case SOFTMAX -> {
        long valid = 0;
        for (int r = 0; r < rows; r++) {
          valid += validLength(v.imm(), r, v.len());
        }
        c.fp32(Fp32Op.MAX, valid);
        c.fp32(Fp32Op.ADD, 2 * valid);
        c.fp32(Fp32Op.EXP, valid);
        c.fp32(Fp32Op.DIV, valid);
        c.sramRead(Buffer.VEC, words);
        c.sramWritten(Buffer.VEC, words);
      }
      case ROPE -> {
        c.fp32(Fp32Op.MUL, 2 * e);
        c.fp32(Fp32Op.ADD, e);
        // One cos/sin pair per row and frequency, and one inverse frequency per instruction and frequency.
        long half = RopeTable.halfDim(v, state);
        c.fp32(Fp32Op.SIN, rows * half);
        c.fp32(Fp32Op.COS, rows * half);
        c.fp32(Fp32Op.POW, half);
        c.sramRead(Buffer.VEC, words);
        c.sramWritten(Buffer.VEC, words);
      }
      case COPY -> {
        c.sramRead(Buffer.VEC, words);
        c.sramWritten(Buffer.VEC, words);
      }
      case TO_F16 -> {
        c.fp32(Fp32Op.CVT, e);
        c.sramRead(Buffer.VEC, words);
        c.sramWritten(Buffer.ACT, 2 * e);
      }
      case SCALE -> {
        c.fp32(Fp32Op.MUL, e);
        c.sramRead(Buffer.VEC, words);
        c.sramWritten(Buffer.VEC, words);
      }
      case ROUND_F16 -> {
        // To binary16 and back: one conversion each way, as TO_F16 counts one.
        c.fp32(Fp32Op.CVT, 2 * e);
        c.sramRead(Buffer.VEC, words);
        c.sramWritten(Buffer.VEC, words);
      }
      case FWHT -> {
        // len log2 b butterfly adds per row (a subtract counts as an add); the row is read and written once.
        c.fp32(Fp32Op.ADD, e * WalshHadamard.stages(v.len(), "VEC.FWHT"));
        c.sramRead(Buffer.VEC, words);
        c.sramWritten(Buffer.VEC, words);
      }
      case ACC_SCALE -> {
        c.fp32(Fp32Op.CVT, e);
        boolean divide = v.imm() == VecOp.ACC_SCALE_DIVIDE;
        c.fp32(Fp32Op.MUL, divide ? e : 2 * e);
        c.fp32(divide ? Fp32Op.DIV : Fp32Op.ADD, e);
        c.sramRead(Buffer.ACC, words);
        c.sramRead(Buffer.VEC, 4 * (len + rows));
        if (v.imm() == VecOp.ACC_SCALE_ADD) {
          c.sramRead(Buffer.VEC, words);
        }
        c.sramWritten(Buffer.VEC, words);
      }
      case KV_QUANT -> {
        // Per element: min and max (first pass), then divide, round, add the zero point and the clamp's two
        // compares. Per group: hi - lo, the divide by 2^b - 1, the fp16 rounding of the step (a conversion, as
        // TO_F16 counts one), -lo / step, its rounding and its clamp.
        long groups = rows * KvCodes.ofImm(v.imm()).groups(v.len());
        c.fp32(Fp32Op.MAX, 4 * e + 2 * groups);
        c.fp32(Fp32Op.DIV, e + 2 * groups);
        c.fp32(Fp32Op.ROUND, e + groups);
        c.fp32(Fp32Op.ADD, e + groups);
        c.fp32(Fp32Op.CVT, groups);
        c.sramRead(Buffer.VEC, words);
        c.sramWritten(Buffer.ACT, rows * KvCodes.ofImm(v.imm()).recordBytes(v.len()));
      }
      case KV_DEQUANT -> {
        // Per element: q - z (an 8-bit integer subtract, counted as an fp32 add: ASSUMED, an upper bound of its
        // cost, the vector unit prices no integer op), its conversion to
        // fp32, the product with the step and the rounding to fp16 (two conversions).
        c.fp32(Fp32Op.ADD, e);
        c.fp32(Fp32Op.CVT, 2 * e);
        c.fp32(Fp32Op.MUL, e);
        c.sramRead(Buffer.ACT, rows * KvCodes.ofImm(v.imm()).recordBytes(v.len()));
        c.sramWritten(Buffer.ACT, 2 * e);
      }
      case MUL_ROW, OUTER -> {
        c.fp32(Fp32Op.MUL, e);
        c.sramRead(Buffer.VEC, (v.op() == VecOp.MUL_ROW ? words : 4 * rows) + 4 * len);
        if (v.imm() == 1) {
          c.fp32(Fp32Op.ADD, e);
          c.sramRead(Buffer.VEC, words);
        }
        c.sramWritten(Buffer.VEC, words);
      }
    }
  }
}
