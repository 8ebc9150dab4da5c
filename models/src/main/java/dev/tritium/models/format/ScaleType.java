package dev.tritium.models.format;

import dev.tritium.common.HalfFloats;
import dev.tritium.models.kernel.Bf16Matrix;

/** The datatype a scale or shift is stored in; {@link #round} is what storing it does to a value. */
public enum ScaleType {
  FP16,
  BF16,
  FP32,
  /**
   * Unsigned integer zero-points of an asymmetric b-bit grid ({@link IntGrid}): a zero-point is a code, so it
   * takes the grid's b bits.
   */
  UINT2,
  UINT3,
  UINT4,
  UINT5,
  UINT6,
  UINT7,
  UINT8;

  /** The zero-point type of a b-bit grid (2 to 8). */
  public static ScaleType zeroPoint(int bits) {
    return switch (bits) {
      case 2 -> UINT2;
      case 3 -> UINT3;
      case 4 -> UINT4;
      case 5 -> UINT5;
      case 6 -> UINT6;
      case 7 -> UINT7;
      case 8 -> UINT8;
      default -> throw new IllegalArgumentException("zero-points have 2 to 8 bits, got " + bits);
    };
  }

  /** Storage bits per value. */
  public int bits() {
    return switch (this) {
      case FP16, BF16 -> 16;
      case FP32 -> 32;
      case UINT2 -> 2;
      case UINT3 -> 3;
      case UINT4 -> 4;
      case UINT5 -> 5;
      case UINT6 -> 6;
      case UINT7 -> 7;
      case UINT8 -> 8;
    };
  }

  /**
   * v rounded to this type, round to nearest even, as a float32 (exact for every type). fp16 overflow
   * (|v| >= 65520) gives infinity, as storing it would. A zero-point type rounds half to even and clamps to
   * its code range 0 .. 2^b - 1.
   */
  public float round(float v) {
    return switch (this) {
      case FP16 -> HalfFloats.roundToF16(v);
      case BF16 -> Bf16Matrix.toFloat(Bf16Matrix.toBf16(v));
      case FP32 -> v;
      case UINT2, UINT3, UINT4, UINT5, UINT6, UINT7, UINT8 -> Math.max(0f, Math.min((1 << bits()) - 1, (float) Math.rint(v)));
    };
  }

  /** Lower-case name as written in README tables: fp16, bf16, fp32, uint4, ... */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
