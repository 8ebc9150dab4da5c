package dev.tritium.common;

/**
 * IEEE half (fp16) and bfloat16 to float32 (both exact), and float32 to fp16 with round to nearest even
 * ({@code Float.floatToFloat16} is JDK 20+). One conversion for the whole kit: the file readers decode with it,
 * the weight formats round their fp16 scales and activations with it, and the simulator's fp16 attention path
 * (VEC.TO_F16, GEMM.F16) and the reference it is checked against round with it, so they agree bit for bit.
 */
public final class HalfFloats {

  private HalfFloats() {}

  public static float bf16ToFloat(int bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }

  public static float f16ToFloat(int bits) {
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      // subnormal or zero: mant * 2^-24
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /**
   * float32 to fp16 bits, round to nearest even: overflow (|f| >= 65520) gives infinity, values below
   * half the smallest subnormal (2^-25) give a signed zero, exactly 2^-25 ties to zero, NaN stays a
   * (quiet) NaN.
   */
  public static int floatToF16(float f) {
    int bits = Float.floatToIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exp = ((bits >>> 23) & 0xff) - 127 + 15;
    int mant = bits & 0x7fffff;
    if (((bits >>> 23) & 0xff) == 0xff) {
      return sign | 0x7c00 | (mant != 0 ? 0x200 : 0);
    }
    if (exp >= 0x1f) {
      return sign | 0x7c00;
    }
    if (exp <= 0) {
      if (exp < -10) {
        return sign;
      }
      mant |= 0x800000;
      int shift = 14 - exp;
      int half = mant >>> shift;
      int rem = mant & ((1 << shift) - 1);
      int mid = 1 << (shift - 1);
      if (rem > mid || (rem == mid && (half & 1) == 1)) {
        half++;
      }
      return sign | half;
    }
    int half = sign | (exp << 10) | (mant >>> 13);
    int rem = mant & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (half & 1) == 1)) {
      half++;
    }
    return half;
  }

  /** f rounded to the nearest fp16 value (ties to even), returned as the float32 that value equals. */
  public static float roundToF16(float f) {
    return f16ToFloat(floatToF16(f));
  }
}
