package dev.tritium.mapper.fp16act;

import dev.tritium.common.HalfFloats;

/**
 * The order (and rounding) in which a sign sum {@code s = sum_k w[k] (.) x[k]} over one group of a
 * {@link FloatLinearPlan} is taken: on the MAC array's fp32 adders (GEMM.SF), or from the LUT core's fp16 tables
 * (LUT.BUILD.F16 / LUT.GEMM.F16). Both skip zero weights; they differ in where rounding happens, so each is the
 * golden of the program that runs it (isa/README.md, "fp16 tables").
 */
public sealed interface SignSumOrder {

  /**
   * GEMM.SF: {@code s = 0f}, then for k ascending {@code s = s + x[k]} (w = +1), {@code s = s - x[k]} (w = -1),
   * nothing (w = 0), every sum rounded to fp32: the order of the formats' references (models.format).
   */
  record MacKOrder() implements SignSumOrder {
    @Override
    public float sum(byte[] w, int wFrom, float[] x, int xFrom, int width) {
      float s = 0f;
      for (int i = 0; i < width; i++) {
        byte v = w[wFrom + i];
        if (v > 0) {
          s = s + x[xFrom + i];
        } else if (v < 0) {
          s = s - x[xFrom + i];
        }
      }
      return s;
    }

    @Override
    public String describe() {
      return "MAC k order, fp32";
    }
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
        float t = 0f;
        for (int i = j0; i < Math.min(width, j0 + groupSize); i++) {
          byte v = w[wFrom + i];
          if (v > 0) {
            t = t + x[xFrom + i];
          } else if (v < 0) {
            t = t - x[xFrom + i];
          }
        }
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
}
