package dev.tritium.models.kernel;

import java.util.Objects;

/**
 * A full-precision matrix [rows][cols] of bfloat16 values, as the embeddings and LM head of the
 * checkpoints are. A value is {@code Float.intBitsToFloat(bits << 16)}.
 *
 * <p>Mat-vec order (fixed, so results are deterministic and thread-independent): for each row,
 * {@code s = 0f; for k = 0 .. cols-1: s = s + (w[k] * x[k])} in fp32, product rounded then sum rounded
 * (Java never fuses them).
 *
 * <p>Storage (why not row-major): C2 (JDK 17) vectorizes neither {@code Float.intBitsToFloat} nor a
 * float reduction in a fixed order, so a row-major dot product runs scalar. Here rows are cut into
 * tiles of {@link #tileRows()} rows and, inside a tile, stored column-pair-major: int
 * {@code (tile, p, r)} holds {@code bf16(row, 2p) << 16 | bf16(row, 2p + 1)} for row
 * {@code tile * tileRows + r} (padding rows and the odd column past {@code cols} are zero). A tile's
 * rows are then vector lanes: per column pair the two bf16 halves are split with int masks/shifts,
 * reinterpreted as fp32, and {@code acc[r] = acc[r] + hi[r] * x[2p] + lo[r] * x[2p + 1]} keeps each
 * row's sequential order exactly. Same 2 bytes per value as bf16 row-major.
 *
 * <p>Kernels ({@link Bf16Kernels}): the scalar one in this package goes through scratch arrays and a
 * ByteBuffer copy for the reinterpretation (C2 does not vectorize {@code Float.intBitsToFloat}); module
 * {@code simd} provides a Vector API kernel (picked when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}) that does the same operations in the same order on fp32
 * vector lanes. Both give the same bits.
 */
public final class Bf16Matrix {

  /** Rows per tile of the mat-vec (an even tile count for 2B-4T's vocabulary keeps two threads balanced). */
  public static final int MAX_TILE_ROWS = 1024;

  private final int rows;
  private final int cols;
  private final int tileRows;
  private final int tiles;
  private final int pairs;
  private final int[] packed;

  /** From row-major bf16 bits ({@code bits[row * cols + col]}); the array is copied into the tiled layout. */
  public Bf16Matrix(int rows, int cols, short[] bits) {
    Objects.requireNonNull(bits, "bits");
    if (rows <= 0 || cols <= 0 || (long) rows * cols != bits.length) {
      throw new IllegalArgumentException(
          "bf16 matrix " + rows + "x" + cols + " needs " + (long) rows * cols + " values, got " + bits.length);
    }
    this.rows = rows;
    this.cols = cols;
    this.tileRows = rows >= MAX_TILE_ROWS ? MAX_TILE_ROWS : (rows + 15) / 16 * 16;
    this.tiles = (rows + tileRows - 1) / tileRows;
    this.pairs = (cols + 1) / 2;
    this.packed = new int[Math.toIntExact((long) tiles * tileRows * pairs)];
    for (int row = 0; row < rows; row++) {
      int base = row * cols;
      int dst = index(row, 0);
      for (int p = 0; p < pairs; p++, dst += tileRows) {
        int k = 2 * p;
        int lo = k + 1 < cols ? bits[base + k + 1] & 0xffff : 0;
        packed[dst] = (bits[base + k] << 16) | lo;
      }
    }
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

  /** Rows per tile of the storage layout. */
  public int tileRows() {
    return tileRows;
  }

  /** Index in {@code packed} of the pair holding (row, col). */
  private int index(int row, int col) {
    int tile = row / tileRows;
    return (tile * pairs + col / 2) * tileRows + row % tileRows;
  }

  /** fp32 bits of (row, col): the pair's high half for an even column, its low half for an odd one. */
  private int floatBits(int row, int col) {
    int v = packed[index(row, col)];
    return (col & 1) == 0 ? v & 0xffff0000 : v << 16;
  }

  /** The value at (row, col). */
  public float get(int row, int col) {
    Objects.checkIndex(row, rows);
    Objects.checkIndex(col, cols);
    return Float.intBitsToFloat(floatBits(row, col));
  }

  /** Copies row {@code row} as fp32 into out[offset, offset + cols) (the embedding lookup). */
  public void copyRow(int row, float[] out, int offset) {
    Objects.checkIndex(row, rows);
    Objects.checkFromIndexSize(offset, cols, out.length);
    for (int k = 0; k < cols; k++) {
      out[offset + k] = Float.intBitsToFloat(floatBits(row, k));
    }
  }

  /** Bytes of storage (2 per value, plus the padding rows of the last tile and an odd column). */
  public long storageBytes() {
    return 4L * packed.length;
  }

  /**
   * out[r] = row r . x, in the order stated on the class, tiles split across the loop's threads, with the kernel
   * {@link Bf16Kernels#selected()} (every kernel gives the same bits).
   */
  public void matVec(float[] x, float[] out, ParallelLoop loop) {
    matVec(x, out, loop, Bf16Kernels.selected());
  }

  /** {@link #matVec(float[], float[], ParallelLoop)} with a given kernel (benchmarks and tests compare them). */
  public void matVec(float[] x, float[] out, ParallelLoop loop, Bf16MatVecKernel kernel) {
    Objects.requireNonNull(kernel, "kernel");
    if (x.length != cols || out.length != rows) {
      throw new IllegalArgumentException("mat-vec needs x of " + cols + " and out of " + rows + ", got "
          + x.length + " and " + out.length);
    }
    loop.forRange(tiles, (from, to) -> kernel.matVecTiles(packed, rows, cols, tileRows, x, out, from, to));
  }
}
