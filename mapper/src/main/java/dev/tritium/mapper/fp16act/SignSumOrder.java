package dev.tritium.mapper.fp16act;

import dev.tritium.common.HalfFloats;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.IsaTarget;

/**
 * The order (and rounding) in which a sign sum {@code s = sum_k w[k] (.) x[k]} over one group of a
 * {@link FloatLinearPlan} is taken: on the MAC array's fp32 adders (GEMM.SF), or from the LUT core's fp16 tables
 * (LUT.BUILD.F16 / LUT.GEMM.F16), or on fp16 adders. All skip zero weights; they differ in where rounding happens, so
 * each is the golden of the program that runs it (isa/README.md, GEMM.SF and "fp16 tables").
 */
public sealed interface SignSumOrder {

  /**
   * GEMM.SF: {@code s = 0f}, then for k ascending {@code s = s + x[k]} (w = +1), {@code s = s - x[k]} (w = -1),
   * nothing (w = 0), every sum rounded to fp32: the order of the formats' references (models.format).
   */
  record MacKOrder() implements SignSumOrder {
    @Override
    public float sum(byte[] w, int wFrom, float[] x, int xFrom, int width) {
      return kOrder(w, wFrom, x, xFrom, width, false);
    }

    @Override
    public String describe() {
      return "MAC k order, fp32";
    }
  }

  /**
   * GEMM.SF on fp16 adders ({@code mac_array.float_adders: fp16}): each activation enters the adder rounded to binary16,
   * {@code s = 0f}, then for k ascending {@code s = fp16(s + x16[k])} (w = +1), {@code s = fp16(s - x16[k])} (w = -1),
   * nothing (w = 0). The fp32 add then binary16 rounding is one correctly rounded binary16 add (24 >= 2 x 11 + 2
   * significand bits; Figueroa, SIGNUM 1995), as the simulator's SignGemmUnit computes it.
   */
  record MacFp16Adders() implements SignSumOrder {
    @Override
    public float sum(byte[] w, int wFrom, float[] x, int xFrom, int width) {
      return kOrder(w, wFrom, x, xFrom, width, true);
    }

    @Override
    public String describe() {
      return "MAC k order, fp16 adders";
    }
  }

  /**
   * The order of the program the mapper emits for {@code unit} on {@code target}: the LUT core's fp16 tables of its
   * group size, or GEMM.SF on the MAC array's adders (fp32: the formats' own order; fp16: binary16 sums).
   */
  static SignSumOrder of(IsaTarget target, ComputeUnit unit) {
    if (unit == ComputeUnit.LUT) {
      return new LutFp16Tables(target.lut().orElseThrow(() -> new IllegalArgumentException("arch '" + target.name()
          + "' has no LUT core")).groupSize());
    }
    return target.macFloatAdderBits() == 16 ? new MacFp16Adders() : new MacKOrder();
  }

  /**
   * LUT tables of group size g with fp16 entries (as LUT Tensor Core stores them): the width is cut into groups of g
   * consecutive columns from its first (the last may be shorter); group j's entry is {@code e_j = fp16(t_j)} with
   * {@code t_j} the fp32 sum of its signed activations in u order (zeros skipped) rounded once to fp16, and
   * {@code s = 0f; s = s + e_j} for j ascending, each sum rounded to fp32.
   *
   * @param groupSize g, the LUT core's group size (1..7)
   */
  record LutFp16Tables(int groupSize) implements SignSumOrder {

    public LutFp16Tables {
      if (groupSize < 1 || groupSize > 7) {
        throw new IllegalArgumentException("LUT table group size must be 1..7, got " + groupSize);
      }
    }

    @Override
    public float sum(byte[] w, int wFrom, float[] x, int xFrom, int width) {
      float s = 0f;
      for (int j0 = 0; j0 < width; j0 += groupSize) {
        float t = kOrder(w, wFrom + j0, x, xFrom + j0, Math.min(groupSize, width - j0), false);
        s = s + HalfFloats.roundToF16(t);
      }
      return s;
    }

    @Override
    public String describe() {
      return "LUT g=" + groupSize + " fp16 entries, fp32 accumulation";
    }
  }

  /** The sign sum of weights {@code w[wFrom ..]} and activations {@code x[xFrom ..]} over {@code width} columns. */
  float sum(byte[] w, int wFrom, float[] x, int xFrom, int width);

  /** For report titles. */
  String describe();

  /**
   * {@code s = 0f}, then for i ascending {@code s = s + x[i]} (w = +1) or {@code s - x[i]} (w = -1), zeros skipped;
   * each sum rounded to fp32, or with {@code fp16} each activation and each sum rounded to binary16.
   */
  private static float kOrder(byte[] w, int wFrom, float[] x, int xFrom, int width, boolean fp16) {
    float s = 0f;
    for (int i = 0; i < width; i++) {
      byte v = w[wFrom + i];
      if (v != 0) {
        float a = fp16 ? HalfFloats.roundToF16(x[xFrom + i]) : x[xFrom + i];
        s = v > 0 ? s + a : s - a;
        s = fp16 ? HalfFloats.roundToF16(s) : s;
      }
    }
    return s;
  }
}
