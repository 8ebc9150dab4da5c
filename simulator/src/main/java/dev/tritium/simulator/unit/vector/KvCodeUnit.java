package dev.tritium.simulator.unit.vector;

import dev.tritium.common.HalfFloats;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.KvCodes;
import dev.tritium.isa.Vec;
import dev.tritium.simulator.functional.OperandGeometry;
import dev.tritium.simulator.memory.LittleEndian;
import dev.tritium.simulator.memory.MachineState;

/**
 * VEC.KV_QUANT and VEC.KV_DEQUANT, written from isa/README.md ("Quantized KV rows"), not from the reference engine:
 * per row and group of G values, {@code lo = min(0, min v)}, {@code hi = max(0, max v)} (sequential from 0f),
 * {@code step = f16((hi - lo) / (2^b - 1))}, {@code z = clamp(rint(-lo / step), 0, 2^b - 1)},
 * {@code q = clamp(rint(v / step) + z, 0, 2^b - 1)} (step 0: q = z = 0); read back as
 * {@code f16((float) (q - z) * step)}. The record layout comes from {@link KvCodes}, which the validator shares.
 */
final class KvCodeUnit {

  private KvCodeUnit() {}

  /** KV_QUANT: fp32 rows in VEC to records in ACT. */
  static void quantize(MachineState state, Vec v, String where) {
    KvCodes codes = codes(v, where);
    int len = v.len();
    int record = codes.recordBytes(len);
    int src = OperandGeometry.tile(state, Buffer.VEC, v.srcAAddr(), v.rows(), 4L * len, 4L * len, where, "src_a");
    int dst = OperandGeometry.tile(state, Buffer.ACT, v.dstAddr(), v.rows(), record, record, where, "dst");
    byte[] vec = state.buffer(Buffer.VEC).bytes();
    byte[] act = state.buffer(Buffer.ACT).bytes();
    float max = codes.maxCode();
    float[] x = new float[len];
    byte[] out = new byte[record];
    for (int r = 0; r < v.rows(); r++) {
      for (int j = 0; j < len; j++) {
        x[j] = LittleEndian.getFp32(vec, src + 4 * (r * len + j));
      }
      java.util.Arrays.fill(out, (byte) 0);
      int paramAt = codes.codeBytes(len);
      for (int from = 0; from < len; from += codes.group()) {
        int to = Math.min(len, from + codes.group());
        float lo = 0f;
        float hi = 0f;
        for (int j = from; j < to; j++) {
          lo = Math.min(lo, x[j]);
          hi = Math.max(hi, x[j]);
        }
        float step = HalfFloats.f16ToFloat(HalfFloats.floatToF16((hi - lo) / max));
        if (!Float.isFinite(step)) {
          throw new IllegalArgumentException(where + ": row " + r + ", values " + from + " to " + (to - 1)
              + " give a step of " + step + " beyond fp16's range; expected a finite range below about "
              + 65504f * max);
        }
        int zero = 0;
        if (step != 0f) {
          zero = (int) Math.max(0f, Math.min(max, (float) Math.rint(-lo / step)));
        }
        for (int j = from; j < to; j++) {
          int q = 0;
          if (step != 0f) {
            float rounded = (float) Math.rint(x[j] / step);
            q = (int) Math.max(0f, Math.min(max, rounded + zero));
          }
          putCode(out, j, codes.bits(), q);
        }
        int h = HalfFloats.floatToF16(step);
        out[paramAt] = (byte) h;
        out[paramAt + 1] = (byte) (h >>> 8);
        out[paramAt + 2] = (byte) zero;
        paramAt += 3;
      }
      System.arraycopy(out, 0, act, dst + r * record, record);
    }
  }

  /** KV_DEQUANT: records in ACT to binary16 rows in ACT. Every record is read before the output is written. */
  static void dequantize(MachineState state, Vec v, String where) {
    KvCodes codes = codes(v, where);
    int len = v.len();
    int record = codes.recordBytes(len);
    int src = OperandGeometry.tile(state, Buffer.ACT, v.srcAAddr(), v.rows(), record, record, where, "src_a");
    int dst = OperandGeometry.tile(state, Buffer.ACT, v.dstAddr(), v.rows(), 2L * len, 2L * len, where, "dst");
    byte[] act = state.buffer(Buffer.ACT).bytes();
    short[] out = new short[v.rows() * len];
    int padBits = codes.codeBytes(len) * 8 - len * codes.bits();
    for (int r = 0; r < v.rows(); r++) {
      int base = src + r * record;
      if (padBits > 0 && (act[base + codes.codeBytes(len) - 1] & 0xff) >>> (8 - padBits) != 0) {
        throw new IllegalArgumentException(where + ": row " + r + " has set pad bits after its last code; expected 0");
      }
      int paramAt = base + codes.codeBytes(len);
      for (int from = 0; from < len; from += codes.group(), paramAt += 3) {
        int to = Math.min(len, from + codes.group());
        float step = HalfFloats.f16ToFloat((act[paramAt] & 0xff) | (act[paramAt + 1] & 0xff) << 8);
        int zero = act[paramAt + 2] & 0xff;
        if (!Float.isFinite(step) || zero > codes.maxCode()) {
          throw new IllegalArgumentException(where + ": row " + r + ", group " + (from / codes.group())
              + " has step " + step + " and zero point " + zero + "; expected a finite step and a zero point 0.."
              + codes.maxCode());
        }
        for (int j = from; j < to; j++) {
          int q = getCode(act, base, j, codes.bits());
          out[r * len + j] = (short) HalfFloats.floatToF16((float) (q - zero) * step);
        }
      }
    }
    for (int i = 0; i < out.length; i++) {
      act[dst + 2 * i] = (byte) out[i];
      act[dst + 2 * i + 1] = (byte) (out[i] >>> 8);
    }
  }

  private static KvCodes codes(Vec v, String where) {
    try {
      return KvCodes.ofImm(v.imm());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  /** Code j's b bits from bit j b of the record, little-endian across bytes. */
  private static void putCode(byte[] record, int j, int bits, int q) {
    long bit = (long) j * bits;
    for (int i = 0; i < bits; i++, bit++) {
      if ((q >>> i & 1) != 0) {
        record[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
      }
    }
  }

  private static int getCode(byte[] bytes, int base, int j, int bits) {
    long bit = (long) j * bits;
    int q = 0;
    for (int i = 0; i < bits; i++, bit++) {
      q |= ((bytes[base + (int) (bit >>> 3)] >>> (bit & 7)) & 1) << i;
    }
    return q;
  }
}
