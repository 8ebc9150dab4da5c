package dev.tritium.models.format;

import dev.tritium.models.io.HalfFloats;
import dev.tritium.models.kernel.Bf16Matrix;

/** The datatype a scale or shift is stored in; {@link #round} is what storing it does to a value. */
public enum ScaleType {
  FP16,
  BF16,
  FP32;

  /** Storage bits per value. */
  public int bits() {
    return switch (this) {
      case FP16, BF16 -> 16;
      case FP32 -> 32;
    };
  }

  /**
   * v rounded to this type, round to nearest even, as a float32 (exact for every type). fp16 overflow
   * (|v| >= 65520) gives infinity, as storing it would.
   */
  public float round(float v) {
    return switch (this) {
      case FP16 -> HalfFloats.roundToF16(v);
      case BF16 -> Bf16Matrix.toFloat(Bf16Matrix.toBf16(v));
      case FP32 -> v;
    };
  }

  /** Lower-case name as written in README tables: fp16, bf16, fp32. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
