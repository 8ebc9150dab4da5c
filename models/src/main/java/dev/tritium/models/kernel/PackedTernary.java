package dev.tritium.models.kernel;

import dev.tritium.models.quant.TernaryWeights;

/**
 * A ternary matrix packed for one of the reference engine's GEMV kernels, with what both layouts share (shape,
 * scale, the +1/-1 counts the op counts read). The two layouts hold the same values and
 * give the same accumulators bit for bit; they differ in bytes per weight and in the kernel that reads them:
 * <ul>
 *   <li>{@link MaskPackedWeights}: plus/minus bit masks (2 bits per weight), read by the popcount kernel
 *       {@link TernaryGemv}, which C2 auto-vectorizes in plain Java;
 *   <li>{@link TritPackedWeights}: three weights per 5-bit base-3 field (1.78 bits per weight), read by a table
 *       lookup kernel ({@link TritGemvKernel}) that needs the Vector API to be fast.
 * </ul>
 * {@link TernaryKernels#pack} picks the layout the selected kernel reads.
 */
public abstract sealed class PackedTernary permits MaskPackedWeights, TritPackedWeights {

  private final int rows;
  private final int cols;
  private final float scale;
  private final long plusCount;
  private final long minusCount;

  PackedTernary(int rows, int cols, float scale, long plusCount, long minusCount) {
    this.rows = rows;
    this.cols = cols;
    this.scale = scale;
    this.plusCount = plusCount;
    this.minusCount = minusCount;
  }

  public final int rows() {
    return rows;
  }

  public final int cols() {
    return cols;
  }

  /** Per-tensor weight scale s_w; the dequantized weight is value / s_w. */
  public final float scale() {
    return scale;
  }

  /** Weights equal to +1. */
  public final long plusCount() {
    return plusCount;
  }

  /** Weights equal to -1. */
  public final long minusCount() {
    return minusCount;
  }

  /** Weights equal to 0 (padding excluded). */
  public final long zeroCount() {
    return (long) rows * cols - plusCount - minusCount;
  }

  /** Bytes this matrix occupies in its layout, padding included. */
  public abstract long storageBytes();

  /** The ternary value at (row, col). */
  public abstract int get(int row, int col);

  /** Back to the reference representation (row-major values plus scale). */
  public final TernaryWeights unpack() {
    byte[] v = new byte[Math.multiplyExact(rows, cols)];
    for (int row = 0; row < rows; row++) {
      for (int c = 0; c < cols; c++) {
        v[row * cols + c] = (byte) get(row, c);
      }
    }
    return new TernaryWeights(v, rows, cols, scale);
  }

  /** The exact int32 accumulators W . x [tokens][rows] into {@code acc}, on {@code loop}'s threads. */
  public abstract void accumulate(PackedActivations x, int[] acc, ParallelLoop loop);

  /** Rejects activations whose feature count is not this matrix's K. */
  final void requireFeatures(PackedActivations x) {
    if (cols != x.quantized().features()) {
      throw new IllegalArgumentException("GEMV shape mismatch: weights have K = " + cols + ", activations have K = "
          + x.quantized().features());
    }
  }
}
