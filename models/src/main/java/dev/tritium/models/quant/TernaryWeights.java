package dev.tritium.models.quant;

import java.util.Objects;

/**
 * A ternary weight tensor: values in {-1, 0, +1}, row-major [rows][cols] (rows = output features N,
 * cols = input features K), plus the per-tensor scale {@code s_w = 1 / max(mean(|W|), 1e-5)}.
 *
 * <p>The dequantized weight is {@code values / scale}.
 */
public record TernaryWeights(byte[] values, int rows, int cols, float scale) {

  public TernaryWeights {
    Objects.requireNonNull(values, "values");
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException("ternary weights need positive rows and cols, got " + rows + "x" + cols);
    }
    if ((long) rows * cols != values.length) {
      throw new IllegalArgumentException(
          "ternary weights " + rows + "x" + cols + " need " + (long) rows * cols + " values, got " + values.length);
    }
    if (!(scale > 0) || Float.isInfinite(scale)) {
      throw new IllegalArgumentException("weight scale must be positive and finite, got " + scale);
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] < -1 || values[i] > 1) {
        throw new IllegalArgumentException(
            "ternary weight at row " + (i / cols) + ", col " + (i % cols) + " is " + values[i] + ", expected -1, 0 or 1");
      }
    }
  }

  /** The ternary value at (row, col). */
  public int get(int row, int col) {
    return values[row * cols + col];
  }

  /** Number of weights, rows * cols. */
  public long count() {
    return (long) rows * cols;
  }
}
