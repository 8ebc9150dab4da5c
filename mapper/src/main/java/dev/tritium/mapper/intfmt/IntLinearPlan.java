package dev.tritium.mapper.intfmt;

import dev.tritium.isa.IntWidth;
import dev.tritium.models.format.QuantizedMatrix;
import dev.tritium.models.format.W8A8;

/**
 * An integer weight format's stored data rearranged for the MAC array's integer multipliers (GEMM.IW): the weight
 * codes row-major [N][K] and one fp32 weight scale per output row, with how the activations are quantized. Today one
 * kind runs: {@code w8a8}, int8 codes with a per-row fp16 step and int8 absmax activations per token (VEC.QUANT, the
 * same numerics as the reference's {@code Quantizers.quantizeActivations}), output
 * {@code y = ((float) acc * s_w[r]) / s_x[t]} (VEC.ACC_SCALE imm 2).
 *
 * @param name the format's name, for reports
 * @param codes weight codes [rows][cols] row-major, each in the weight width's range
 * @param weightScales s_w per output row (fp32 bits of the format's fp16 steps)
 */
public record IntLinearPlan(String name, int rows, int cols, IntWidth weights, byte[] codes, float[] weightScales)
    implements IntPlan {

  public IntLinearPlan {
    if (rows <= 0 || cols <= 0 || (long) rows * cols != codes.length || weightScales.length != rows) {
      throw new IllegalArgumentException(name + ": need " + rows + " x " + cols + " codes and " + rows
          + " weight scales (rows and cols positive), got " + codes.length + " codes and " + weightScales.length
          + " scales");
    }
    for (int i = 0; i < codes.length; i++) {
      if (codes[i] < weights.min() || codes[i] > weights.max()) {
        throw new IllegalArgumentException(name + ": weight code [" + i / cols + "][" + i % cols + "] = " + codes[i]
            + " is outside the " + weights + " range [" + weights.min() + ", " + weights.max() + "]");
      }
    }
  }

  /**
   * The plan of a w8a8 matrix.
   *
   * @throws IllegalArgumentException naming the format and what the units lack for it
   */
  public static IntLinearPlan of(String name, QuantizedMatrix m) {
    if (m instanceof W8A8.Weights w) {
      byte[] codes = new byte[w.q().length];
      for (int i = 0; i < codes.length; i++) {
        codes[i] = (byte) w.q()[i];
      }
      return new IntLinearPlan(name, w.rows(), w.cols(), IntWidth.INT8, codes, w.scales().clone());
    }
    throw new IllegalArgumentException("weight format '" + name + "' is not an integer format the MAC array's"
        + " integer multipliers run (w8a8)");
  }

  @Override
  public IntLinearPlan withCodeMoved(int row, int col) {
    byte q = codes[row * cols + col];
    return withCode(row, col, (byte) (q == weights.max() ? q - 1 : q + 1));
  }

  @Override
  public IntLinearPlan withScaleMoved(int row) {
    return withScale(row, Math.nextUp(weightScales[row]));
  }

  /** This plan with one weight code changed (the cross-check's mutation). */
  public IntLinearPlan withCode(int row, int col, byte code) {
    byte[] c = codes.clone();
    c[row * cols + col] = code;
    return new IntLinearPlan(name, rows, cols, weights, c, weightScales);
  }

  /** This plan with one weight scale changed (the cross-check's mutation). */
  public IntLinearPlan withScale(int row, float scale) {
    float[] s = weightScales.clone();
    s[row] = scale;
    return new IntLinearPlan(name, rows, cols, weights, codes, s);
  }
}
