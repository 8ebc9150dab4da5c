package dev.tritium.models.kernel;

import dev.tritium.models.quant.TernaryWeights;
import java.util.Objects;

/**
 * A ternary matrix W [rows][cols] in the kernel's sign-mask layout: 2 bits per weight.
 *
 * <p>Rows are cut into tiles of {@link #tileRowsFor(int) tileRows} and columns into words of
 * {@link #WORD_WEIGHTS}. Block {@code (tile, word)} is two {@code int[tileRows]}, a plus array and a
 * minus array: entry {@code r} holds the masks of row {@code tile * tileRows + r}, and bit {@code j}
 * of a mask stands for column {@code word * WORD_WEIGHTS + j}. A weight +1 sets its plus bit, -1 its
 * minus bit, 0 neither. Rows past {@code rows} and columns past {@code cols} are padding and hold 0.
 *
 * <p>Why this shape: the GEMV's inner loop runs over the rows of one block with the same index for
 * weights and partial sums, which is the form C2 auto-vectorizes (AVX-512 VPOPCNTD where present).
 */
public final class MaskPackedWeights extends PackedTernary {

  /** Largest tile; tiles are multiples of 32 up to this. */
  public static final int MAX_TILE_ROWS = 768;
  /** Weights per mask word. */
  public static final int WORD_WEIGHTS = 32;

  private final int tileRows;
  private final int[][] plus;
  private final int[][] minus;

  private MaskPackedWeights(int rows, int cols, float scale, int[][] plus, int[][] minus) {
    super(rows, cols, scale, bitCount(plus), bitCount(minus));
    this.tileRows = tileRowsFor(rows);
    this.plus = plus;
    this.minus = minus;
  }

  private static long bitCount(int[][] masks) {
    long n = 0;
    for (int[] block : masks) {
      for (int m : block) {
        n += Integer.bitCount(m);
      }
    }
    return n;
  }

  /**
   * Rows per tile for a matrix of {@code rows} (rounded up to a multiple of 32): the largest multiple
   * of 32 up to {@link #MAX_TILE_ROWS} that divides it with an even tile count (so two threads split
   * the tiles evenly), else the largest that divides it. 2560 -> 640 (4 tiles), 6912 -> 576 (12),
   * 640 -> 320 (2). Long tiles mean long vector loops; the bound keeps the kernel's eight partial-sum
   * rows (8 x 4 x tileRows bytes) in L1.
   */
  public static int tileRowsFor(int rows) {
    if (rows <= 0) {
      throw new IllegalArgumentException("rows must be positive, got " + rows);
    }
    int padded = (rows + 31) / 32 * 32;
    int best = 32;
    int bestEven = 0;
    for (int t = 32; t <= Math.min(MAX_TILE_ROWS, padded); t += 32) {
      if (padded % t == 0) {
        best = t;
        if ((padded / t) % 2 == 0) {
          bestEven = t;
        }
      }
    }
    return bestEven > 0 ? bestEven : best;
  }

  /** Tiles needed for {@code rows}. */
  public static int tilesFor(int rows) {
    int t = tileRowsFor(rows);
    return (rows + t - 1) / t;
  }

  /** Mask words needed per row for {@code cols}. */
  public static int wordsFor(int cols) {
    return (cols + WORD_WEIGHTS - 1) / WORD_WEIGHTS;
  }

  /** Storage of a rows x cols matrix in this layout, padding included: 2 bits per padded weight. */
  public static long storageBytes(int rows, int cols) {
    return (long) tilesFor(rows) * tileRowsFor(rows) * wordsFor(cols) * 2L * Integer.BYTES;
  }

  /**
   * Wraps masks filled by a generator (see {@link dev.tritium.models.synth}), {@code plus[tile * words +
   * word]} and {@code minus[...]} each of {@link #tileRowsFor(int)} ints; checks the layout invariants:
   * block count and length, no weight both +1 and -1, padding all zero.
   */
  public static MaskPackedWeights fromMasks(int rows, int cols, float scale, int[][] plus, int[][] minus) {
    Objects.requireNonNull(plus, "plus");
    Objects.requireNonNull(minus, "minus");
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException("matrix needs positive rows and cols, got " + rows + "x" + cols);
    }
    if (!(scale > 0) || Float.isInfinite(scale)) {
      throw new IllegalArgumentException("weight scale must be positive and finite, got " + scale);
    }
    int words = wordsFor(cols);
    int tr = tileRowsFor(rows);
    int blocks = tilesFor(rows) * words;
    if (plus.length != blocks || minus.length != blocks) {
      throw new IllegalArgumentException("expected " + blocks + " plus and minus blocks, got " + plus.length + " and "
          + minus.length);
    }
    int tailBits = cols - (words - 1) * WORD_WEIGHTS;
    int tailMask = tailBits == WORD_WEIGHTS ? -1 : (1 << tailBits) - 1;
    for (int i = 0; i < blocks; i++) {
      int[] p = plus[i];
      int[] m = minus[i];
      if (p == null || m == null || p.length != tr || m.length != tr) {
        throw new IllegalArgumentException("block " + i + " must hold " + tr + " plus and " + tr + " minus masks");
      }
      int tile = i / words;
      int word = i % words;
      int mask = word == words - 1 ? tailMask : -1;
      for (int r = 0; r < tr; r++) {
        int row = tile * tr + r;
        if ((p[r] & m[r]) != 0) {
          throw new IllegalArgumentException("row " + row + ", word " + word + ": a weight is both +1 and -1");
        }
        int allowed = row < rows ? mask : 0;
        if (((p[r] | m[r]) & ~allowed) != 0) {
          throw new IllegalArgumentException("row " + row + ", word " + word + ": padding must hold weight 0");
        }
      }
    }
    return new MaskPackedWeights(rows, cols, scale, plus, minus);
  }

  /** Packs a reference tensor. */
  public static MaskPackedWeights pack(TernaryWeights w) {
    int words = wordsFor(w.cols());
    int tr = tileRowsFor(w.rows());
    int blocks = tilesFor(w.rows()) * words;
    int[][] plus = new int[blocks][tr];
    int[][] minus = new int[blocks][tr];
    byte[] v = w.values();
    for (int row = 0; row < w.rows(); row++) {
      int tile = row / tr;
      int r = row % tr;
      int base = row * w.cols();
      for (int c = 0; c < w.cols(); c++) {
        int bit = 1 << (c % WORD_WEIGHTS);
        int block = tile * words + c / WORD_WEIGHTS;
        if (v[base + c] > 0) {
          plus[block][r] |= bit;
        } else if (v[base + c] < 0) {
          minus[block][r] |= bit;
        }
      }
    }
    return new MaskPackedWeights(w.rows(), w.cols(), w.scale(), plus, minus);
  }

  /** The ternary value at (row, col). */
  @Override
  public int get(int row, int col) {
    Objects.checkIndex(row, rows());
    Objects.checkIndex(col, cols());
    int block = (row / tileRows) * wordsFor(cols()) + col / WORD_WEIGHTS;
    int bit = 1 << (col % WORD_WEIGHTS);
    int r = row % tileRows;
    return (plus[block][r] & bit) != 0 ? 1 : (minus[block][r] & bit) != 0 ? -1 : 0;
  }

  /** Number of +1 weights in row {@code row}. */
  public int rowPlusCount(int row) {
    return rowCount(row, plus);
  }

  /** Number of -1 weights in row {@code row}. */
  public int rowMinusCount(int row) {
    return rowCount(row, minus);
  }

  private int rowCount(int row, int[][] masks) {
    Objects.checkIndex(row, rows());
    int words = wordsFor(cols());
    int tile = row / tileRows;
    int n = 0;
    for (int w = 0; w < words; w++) {
      n += Integer.bitCount(masks[tile * words + w][row % tileRows]);
    }
    return n;
  }

  /** Bytes this matrix occupies in the layout. */
  @Override
  public long storageBytes() {
    return storageBytes(rows(), cols());
  }

  @Override
  public void accumulate(PackedActivations x, int[] acc, ParallelLoop loop) {
    requireFeatures(x);
    TernaryGemv.accumulate(this, x.planes(), acc, loop);
  }

  int tiles() {
    return tilesFor(rows());
  }

  /** Rows per tile of this matrix. */
  public int tileRows() {
    return tileRows;
  }

  int words() {
    return wordsFor(cols());
  }

  int[] plus(int tile, int word) {
    return plus[tile * wordsFor(cols()) + word];
  }

  int[] minus(int tile, int word) {
    return minus[tile * wordsFor(cols()) + word];
  }
}
