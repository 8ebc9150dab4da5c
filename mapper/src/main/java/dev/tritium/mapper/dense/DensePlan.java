package dev.tritium.mapper.dense;

import dev.tritium.common.HalfFloats;
import dev.tritium.models.format.Fp16Dense;

/**
 * The dense fp16 baseline's stored weights as the vector unit's GEMM.F16 reads them: IEEE binary16 bit patterns
 * row-major [N][K] (the format stores their exact fp32 values; each converts back without rounding).
 *
 * @param w16 binary16 bits of W [rows][cols], row-major
 */
public record DensePlan(String name, int rows, int cols, short[] w16) {

  public DensePlan {
    if (rows <= 0 || cols <= 0 || (long) rows * cols != w16.length) {
      throw new IllegalArgumentException(name + ": need " + rows + " x " + cols + " fp16 weights (rows and cols"
          + " positive), got " + w16.length);
    }
  }

  /** The plan of an {@code fp16} matrix. */
  public static DensePlan of(String name, Fp16Dense.Weights w) {
    float[] v = w.w16();
    short[] bits = new short[v.length];
    for (int i = 0; i < v.length; i++) {
      bits[i] = (short) HalfFloats.floatToF16(v[i]);
      if (HalfFloats.f16ToFloat(bits[i] & 0xFFFF) != v[i] && !Float.isNaN(v[i])) {
        // the format's quantizer rounds every weight to binary16, so this only catches a foreign matrix
        throw new IllegalArgumentException(name + ": weight [" + i / w.cols() + "][" + i % w.cols() + "] = " + v[i]
            + " is not a binary16 value; expected the format's fp16-rounded weights");
      }
    }
    return new DensePlan(name, w.rows(), w.cols(), bits);
  }

  /** This plan with bit {@code bit} (0 to 15) of weight [row][col] flipped: the cross-check's fault. */
  public DensePlan withWeightBitFlipped(int row, int col, int bit) {
    if (bit < 0 || bit > 15 || row < 0 || row >= rows || col < 0 || col >= cols) {
      throw new IllegalArgumentException(name + ": weight bit [" + row + "][" + col + "] bit " + bit + " is outside the"
          + " " + rows + " x " + cols + " matrix of 16-bit values");
    }
    short[] w = w16.clone();
    w[row * cols + col] ^= (short) (1 << bit);
    return new DensePlan(name, rows, cols, w);
  }
}
