package dev.tritium.models.kernel;

import dev.tritium.models.quant.TernaryWeights;
import java.util.Objects;

/**
 * A ternary matrix W [rows][cols] in the kernel's sign-mask layout: 2 bits per weight.
 *
 * <p>Rows are cut into tiles of {@link #TILE_ROWS} and columns into words of {@link #WORD_WEIGHTS}.
 * Block {@code (tile, word)} is one {@code int[2 * TILE_ROWS]}: entry {@code r} is the plus mask and
 * entry {@code TILE_ROWS + r} the minus mask of row {@code tile * TILE_ROWS + r}; bit {@code j} of a
 * mask stands for column {@code word * WORD_WEIGHTS + j}. A weight +1 sets its plus bit, -1 its minus
 * bit, 0 neither. Rows past {@code rows} and columns past {@code cols} are padding and hold 0.
 *
 * <p>Why this shape: the GEMV's inner loop runs over the rows of one block with the same index for
 * weights and accumulators, which is the form C2 auto-vectorizes (AVX-512 VPOPCNTD where present).
 */
public final class MaskPackedWeights {

  /** Rows per tile. Divides every row count of the shipped models (640, 2560, 6912, ...). */
  public static final int TILE_ROWS = 128;
  /** Weights per mask word. */
  public static final int WORD_WEIGHTS = 32;

  private final int rows;
  private final int cols;
  private final float scale;
  private final int[][] blocks;
  private final long plusCount;
  private final long minusCount;

  private MaskPackedWeights(int rows, int cols, float scale, int[][] blocks) {
    this.rows = rows;
    this.cols = cols;
    this.scale = scale;
    this.blocks = blocks;
    long plus = 0;
    long minus = 0;
    for (int[] block : blocks) {
      for (int r = 0; r < TILE_ROWS; r++) {
        plus += Integer.bitCount(block[r]);
        minus += Integer.bitCount(block[TILE_ROWS + r]);
      }
    }
    this.plusCount = plus;
    this.minusCount = minus;
  }

  /** Tiles needed for {@code rows}. */
  public static int tilesFor(int rows) {
    return (rows + TILE_ROWS - 1) / TILE_ROWS;
  }

  /** Mask words needed per row for {@code cols}. */
  public static int wordsFor(int cols) {
    return (cols + WORD_WEIGHTS - 1) / WORD_WEIGHTS;
  }

  /** Storage of a rows x cols matrix in this layout, padding included: 2 bits per padded weight. */
  public static long storageBytes(int rows, int cols) {
    return (long) tilesFor(rows) * wordsFor(cols) * 2L * TILE_ROWS * Integer.BYTES;
  }

  /**
   * Wraps blocks filled by a generator (see {@link dev.tritium.models.synth}); checks the layout
   * invariants: block count and length, no weight both +1 and -1, padding all zero.
   */
  public static MaskPackedWeights fromBlocks(int rows, int cols, float scale, int[][] blocks) {
    Objects.requireNonNull(blocks, "blocks");
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException("matrix needs positive rows and cols, got " + rows + "x" + cols);
    }
    if (!(scale > 0) || Float.isInfinite(scale)) {
      throw new IllegalArgumentException("weight scale must be positive and finite, got " + scale);
    }
    int words = wordsFor(cols);
    if (blocks.length != tilesFor(rows) * words) {
      throw new IllegalArgumentException("expected " + tilesFor(rows) * words + " blocks, got " + blocks.length);
    }
    int tailBits = cols - (words - 1) * WORD_WEIGHTS;
    int tailMask = tailBits == WORD_WEIGHTS ? -1 : (1 << tailBits) - 1;
    for (int i = 0; i < blocks.length; i++) {
      int[] b = blocks[i];
      if (b == null || b.length != 2 * TILE_ROWS) {
        throw new IllegalArgumentException("block " + i + " must hold " + 2 * TILE_ROWS + " ints");
      }
      int tile = i / words;
      int word = i % words;
      int mask = word == words - 1 ? tailMask : -1;
      for (int r = 0; r < TILE_ROWS; r++) {
        int row = tile * TILE_ROWS + r;
        int p = b[r];
        int m = b[TILE_ROWS + r];
        if ((p & m) != 0) {
          throw new IllegalArgumentException("row " + row + ", word " + word + ": a weight is both +1 and -1");
        }
        int allowed = row < rows ? mask : 0;
        if (((p | m) & ~allowed) != 0) {
          throw new IllegalArgumentException("row " + row + ", word " + word + ": padding must hold weight 0");
        }
      }
    }
    return new MaskPackedWeights(rows, cols, scale, blocks);
  }

  /** Packs a reference tensor. */
  public static MaskPackedWeights pack(TernaryWeights w) {
    int words = wordsFor(w.cols());
    int tiles = tilesFor(w.rows());
    int[][] blocks = new int[tiles * words][2 * TILE_ROWS];
    byte[] v = w.values();
    for (int row = 0; row < w.rows(); row++) {
      int tile = row / TILE_ROWS;
      int r = row % TILE_ROWS;
      int base = row * w.cols();
      for (int c = 0; c < w.cols(); c++) {
        int bit = 1 << (c % WORD_WEIGHTS);
        int[] block = blocks[tile * words + c / WORD_WEIGHTS];
        if (v[base + c] > 0) {
          block[r] |= bit;
        } else if (v[base + c] < 0) {
          block[TILE_ROWS + r] |= bit;
        }
      }
    }
    return new MaskPackedWeights(w.rows(), w.cols(), w.scale(), blocks);
  }

  /** The ternary value at (row, col). */
  public int get(int row, int col) {
    Objects.checkIndex(row, rows);
    Objects.checkIndex(col, cols);
    int[] block = blocks[(row / TILE_ROWS) * wordsFor(cols) + col / WORD_WEIGHTS];
    int bit = 1 << (col % WORD_WEIGHTS);
    int r = row % TILE_ROWS;
    return (block[r] & bit) != 0 ? 1 : (block[TILE_ROWS + r] & bit) != 0 ? -1 : 0;
  }

  /** Back to the reference representation (row-major values plus scale). */
  public TernaryWeights unpack() {
    byte[] v = new byte[rows * cols];
    for (int row = 0; row < rows; row++) {
      for (int c = 0; c < cols; c++) {
        v[row * cols + c] = (byte) get(row, c);
      }
    }
    return new TernaryWeights(v, rows, cols, scale);
  }

  /** Number of +1 weights in row {@code row}. */
  public int rowPlusCount(int row) {
    return rowCount(row, 0);
  }

  /** Number of -1 weights in row {@code row}. */
  public int rowMinusCount(int row) {
    return rowCount(row, TILE_ROWS);
  }

  private int rowCount(int row, int half) {
    Objects.checkIndex(row, rows);
    int words = wordsFor(cols);
    int tile = row / TILE_ROWS;
    int n = 0;
    for (int w = 0; w < words; w++) {
      n += Integer.bitCount(blocks[tile * words + w][half + row % TILE_ROWS]);
    }
    return n;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Per-tensor weight scale s_w; the dequantized weight is value / s_w. */
  public float scale() {
    return scale;
  }

  /** Weights equal to +1. */
  public long plusCount() {
    return plusCount;
  }

  /** Weights equal to -1. */
  public long minusCount() {
    return minusCount;
  }

  /** Weights equal to 0 (padding excluded). */
  public long zeroCount() {
    return (long) rows * cols - plusCount - minusCount;
  }

  /** Bytes this matrix occupies in the layout. */
  public long storageBytes() {
    return storageBytes(rows, cols);
  }

  int tiles() {
    return tilesFor(rows);
  }

  int words() {
    return wordsFor(cols);
  }

  int[] block(int tile, int word) {
    return blocks[tile * wordsFor(cols) + word];
  }
}
