package dev.tritium.models.kernel;

import java.util.Objects;

/**
 * A full-precision matrix [rows][cols] stored as bfloat16 bit patterns (row-major short[]), as the
 * embeddings and LM head of the checkpoints are. A value is {@code Float.intBitsToFloat(bits << 16)}.
 *
 * <p>Mat-vec order (fixed, so results are deterministic and thread-independent): for each row,
 * {@code s = 0f; for k = 0 .. cols-1: s = s + (w[k] * x[k])} in fp32, product rounded then sum rounded
 * (Java never fuses them). Four rows run interleaved only to overlap their independent chains.
 */
public final class Bf16Matrix {

  private final int rows;
  private final int cols;
  private final short[] bits;

  public Bf16Matrix(int rows, int cols, short[] bits) {
    Objects.requireNonNull(bits, "bits");
    if (rows <= 0 || cols <= 0 || (long) rows * cols != bits.length) {
      throw new IllegalArgumentException(
          "bf16 matrix " + rows + "x" + cols + " needs " + (long) rows * cols + " values, got " + bits.length);
    }
    this.rows = rows;
    this.cols = cols;
    this.bits = bits;
  }

  /** Round-to-nearest-even fp32 to bf16 bits (NaN stays NaN). */
  public static short toBf16(float v) {
    int b = Float.floatToRawIntBits(v);
    if (Float.isNaN(v)) {
      return (short) ((b >>> 16) | 0x40);
    }
    int rounding = 0x7fff + ((b >>> 16) & 1);
    return (short) ((b + rounding) >>> 16);
  }

  /** bf16 bits to fp32 (exact). */
  public static float toFloat(short bf16) {
    return Float.intBitsToFloat(bf16 << 16);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** The value at (row, col). */
  public float get(int row, int col) {
    Objects.checkIndex(row, rows);
    Objects.checkIndex(col, cols);
    return toFloat(bits[row * cols + col]);
  }

  /** Copies row {@code row} as fp32 into out[offset, offset + cols) (the embedding lookup). */
  public void copyRow(int row, float[] out, int offset) {
    Objects.checkIndex(row, rows);
    int base = row * cols;
    for (int k = 0; k < cols; k++) {
      out[offset + k] = toFloat(bits[base + k]);
    }
  }

  /** Bytes of storage (2 per value). */
  public long storageBytes() {
    return 2L * bits.length;
  }

  /** out[r] = row r . x, in the order stated on the class, rows split across the loop's threads. */
  public void matVec(float[] x, float[] out, ParallelLoop loop) {
    if (x.length != cols || out.length != rows) {
      throw new IllegalArgumentException("mat-vec needs x of " + cols + " and out of " + rows + ", got "
          + x.length + " and " + out.length);
    }
    int groups = (rows + 3) / 4;
    loop.forRange(groups, (from, to) -> matVecRows(x, out, from * 4, Math.min(rows, to * 4)));
  }

  private void matVecRows(float[] x, float[] out, int rowFrom, int rowTo) {
    int r = rowFrom;
    for (; r + 4 <= rowTo; r += 4) {
      int b0 = r * cols;
      int b1 = b0 + cols;
      int b2 = b1 + cols;
      int b3 = b2 + cols;
      float s0 = 0f;
      float s1 = 0f;
      float s2 = 0f;
      float s3 = 0f;
      for (int k = 0; k < cols; k++) {
        float xk = x[k];
        s0 += Float.intBitsToFloat(bits[b0 + k] << 16) * xk;
        s1 += Float.intBitsToFloat(bits[b1 + k] << 16) * xk;
        s2 += Float.intBitsToFloat(bits[b2 + k] << 16) * xk;
        s3 += Float.intBitsToFloat(bits[b3 + k] << 16) * xk;
      }
      out[r] = s0;
      out[r + 1] = s1;
      out[r + 2] = s2;
      out[r + 3] = s3;
    }
    for (; r < rowTo; r++) {
      int b = r * cols;
      float s = 0f;
      for (int k = 0; k < cols; k++) {
        s += Float.intBitsToFloat(bits[b + k] << 16) * x[k];
      }
      out[r] = s;
    }
  }
}
