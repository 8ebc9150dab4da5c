package dev.tritium.models.io;

/** IEEE half (fp16) and bfloat16 to float32; both conversions are exact. */
final class HalfFloats {

  private HalfFloats() {}

  static float bf16ToFloat(int bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }

  static float f16ToFloat(int bits) {
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

  /** float32 to fp16 bits, round to nearest even; used by test writers and exporters. */
  static int floatToF16(float f) {
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
}
