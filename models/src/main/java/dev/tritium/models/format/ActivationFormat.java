package dev.tritium.models.format;

/** The activation side of a format. */
public enum ActivationFormat {
  /**
   * int8 with one absmax scale per token, exactly {@code Quantizers.quantizeActivations}:
   * {@code s_x = 127 / max(max|x|, 1e-5)}, {@code xq = clamp(rint(x * s_x), -128, 127)}.
   */
  INT8_ABSMAX_PER_TOKEN,
  /** fp16: each activation rounded to the nearest fp16 value (ties to even) before use. */
  FP16;

  public String label() {
    return switch (this) {
      case INT8_ABSMAX_PER_TOKEN -> "int8 absmax/token";
      case FP16 -> "fp16";
    };
  }
}
