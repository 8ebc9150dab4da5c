package dev.tritium.models.format;

import dev.tritium.common.HalfFloats;

/** Shared checks and the few operations every format states the same way. */
final class FormatMath {

  private FormatMath() {}

  /**
   * The binarisation sign used by every binary format here: +1 if v > 0, else -1 (so Sign(0) = -1, as
   * BitNet defines it; a binary plane has no zero).
   */
  static byte sign(float v) {
    return v > 0 ? (byte) 1 : (byte) -1;
  }

  /** A mean from an fp64 sum, rounded once to fp32; 0 for an empty set. */
  static float mean(double sum, long count) {
    return count == 0 ? 0f : (float) (sum / count);
  }

  /** Latent weights must match the shape and be finite. */
  static void checkWeights(float[] w, int rows, int cols) {
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException("weight shape must be positive, got " + rows + "x" + cols);
    }
    if ((long) rows * cols != w.length) {
      throw new IllegalArgumentException(
          "weight tensor " + rows + "x" + cols + " needs " + (long) rows * cols + " values, got " + w.length);
    }
    for (int i = 0; i < w.length; i++) {
      if (!Float.isFinite(w[i])) {
        throw new IllegalArgumentException("weight at row " + i / cols + ", col " + i % cols + " is " + w[i]);
      }
    }
  }

  /** Activations x [tokens][K] rounded to fp16 (ties to even); non-finite inputs are rejected. */
  static float[] toFp16(float[] x, int tokens, int cols) {
    if (tokens <= 0 || (long) tokens * cols != x.length) {
      throw new IllegalArgumentException(
          "activations need " + tokens + " x " + cols + " values (tokens > 0), got " + x.length);
    }
    float[] h = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      if (!Float.isFinite(x[i])) {
        throw new IllegalArgumentException("activation at index " + i + " is " + x[i]);
      }
      h[i] = HalfFloats.roundToF16(x[i]);
    }
    return h;
  }

  /** Activations x [tokens][K] must match the shape and be finite. */
  static void checkActivations(float[] x, int tokens, int cols) {
    if (tokens <= 0 || (long) tokens * cols != x.length) {
      throw new IllegalArgumentException(
          "activations need " + tokens + " x " + cols + " values (tokens > 0), got " + x.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (!Float.isFinite(x[i])) {
        throw new IllegalArgumentException("activation at index " + i + " is " + x[i]);
      }
    }
  }

  /**
   * Indices of the {@code m} largest keys, largest first; equal keys in ascending index order. Keys
   * must be non-negative and finite (their fp32 bit patterns then order like the values).
   */
  static int[] topIndices(float[] keys, int from, int count, int m) {
    long[] packed = new long[count];
    for (int i = 0; i < count; i++) {
      // high word: the key's bits (monotone for non-negative floats); low word: inverted index, so
      // among equal keys the lower index sorts higher and is taken first.
      packed[i] = ((long) Float.floatToIntBits(keys[from + i]) << 32) | (0xffffffffL - i);
    }
    java.util.Arrays.sort(packed);
    int[] top = new int[m];
    for (int j = 0; j < m; j++) {
      top[j] = from + (int) (0xffffffffL - (packed[count - 1 - j] & 0xffffffffL));
    }
    return top;
  }
}
