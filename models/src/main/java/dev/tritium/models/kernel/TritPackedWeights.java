package dev.tritium.models.kernel;

import dev.tritium.models.quant.TernaryWeights;
import java.util.Objects;

/**
 * A ternary matrix W [rows][cols] in the lookup-table layout: 16 bits per 9 weights (1.78 bits per weight, against
 * 2 in {@link MaskPackedWeights}).
 *
 * <p>Columns are cut into words of {@link #WORD_WEIGHTS} = 9 and each word into three fields of three columns. A
 * field holds the base-3 number {@code d0 + 3 d1 + 9 d2} (0..26, five bits) of its three weights, digit {@code d = w
 * + 1}; field {@code f} sits at bits {@code 5f .. 5f + 4} of the word's short, and bit 15 is 0. Rows are cut into
 * tiles of {@link #TILE_ROWS} = 128; short {@code (tile * words + word) * 128 + r} is row {@code tile * 128 + r}'s
 * word. Padding (rows past {@code rows}, columns past {@code cols}) holds weight 0 (digit 1).
 *
 * <p>Why this shape: the GEMV ({@link TritGemvKernel}) looks each field up in its group's 27-entry table
 * ({@link TritTables}), so one 16-bit lane permute does three MACs for 32 rows; the 128 rows of a tile share the
 * three tables a word needs, and a tile's words are contiguous, so the weights stream in order.
 */
public final class TritPackedWeights extends PackedTernary {

  /** Weights per 16-bit word. */
  public static final int WORD_WEIGHTS = 9;
  /** Three-weight fields per word. */
  public static final int FIELDS_PER_WORD = 3;
  /** Rows per tile. */
  public static final int TILE_ROWS = 128;
  /** The field of three zero weights (all digits 1). */
  static final int ZERO_FIELD = 1 + 3 + 9;
  /** The word of nine zero weights. */
  static final short ZERO_WORD = (short) (ZERO_FIELD | ZERO_FIELD << 5 | ZERO_FIELD << 10);

  private final short[] data;

  private TritPackedWeights(int rows, int cols, float scale, short[] data, long plusCount, long minusCount) {
    super(rows, cols, scale, plusCount, minusCount);
    this.data = data;
  }

  /** Words per row for {@code cols} columns. */
  public static int wordsFor(int cols) {
    if (cols <= 0) {
      throw new IllegalArgumentException("cols must be positive, got " + cols);
    }
    return (cols + WORD_WEIGHTS - 1) / WORD_WEIGHTS;
  }

  /** Tiles for {@code rows} rows. */
  public static int tilesFor(int rows) {
    if (rows <= 0) {
      throw new IllegalArgumentException("rows must be positive, got " + rows);
    }
    return (rows + TILE_ROWS - 1) / TILE_ROWS;
  }

  /** Bytes of a packed [rows][cols] matrix, padding included. */
  public static long storageBytes(int rows, int cols) {
    return 2L * tilesFor(rows) * TILE_ROWS * wordsFor(cols);
  }

  private static short[] allocate(int rows, int cols) {
    long shorts = storageBytes(rows, cols) / 2;
    if (shorts > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a " + rows + " x " + cols + " ternary matrix needs " + shorts
          + " shorts in the lookup-table layout; the limit is one Java array (" + (Integer.MAX_VALUE - 8) + ")");
    }
    short[] data = new short[(int) shorts];
    java.util.Arrays.fill(data, ZERO_WORD);
    return data;
  }

  /** Packs a reference tensor. */
  public static TritPackedWeights pack(TernaryWeights w) {
    int rows = w.rows();
    int cols = w.cols();
    int words = wordsFor(cols);
    short[] data = allocate(rows, cols);
    byte[] v = w.values();
    long plus = 0;
    long minus = 0;
    for (int row = 0; row < rows; row++) {
      int rowBase = row * cols;
      for (int word = 0; word < words; word++) {
        int packed = 0;
        for (int f = 0; f < FIELDS_PER_WORD; f++) {
          int field = 0;
          int place = 1;
          for (int i = 0; i < 3; i++) {
            int c = word * WORD_WEIGHTS + f * 3 + i;
            int weight = c < cols ? v[rowBase + c] : 0;
            plus += weight > 0 ? 1 : 0;
            minus += weight < 0 ? 1 : 0;
            field += (weight + 1) * place;
            place *= 3;
          }
          packed |= field << (5 * f);
        }
        data[index(row, word, words)] = (short) packed;
      }
    }
    return new TritPackedWeights(rows, cols, w.scale(), data, plus, minus);
  }

  /**
   * The same matrix as {@code m}, repacked (tiles in parallel on {@code loop}). Reads each row's masks as two bit
   * strings and turns three plus bits and three minus bits into a field with one table lookup, not through
   * {@link MaskPackedWeights#get}, because synthetic 2B models repack two billion weights this way.
   */
  public static TritPackedWeights fromMasks(MaskPackedWeights m, ParallelLoop loop) {
    int rows = m.rows();
    int cols = m.cols();
    int words = wordsFor(cols);
    short[] data = allocate(rows, cols);
    int maskTileRows = m.tileRows();
    int maskWords = MaskPackedWeights.wordsFor(cols);
    loop.forRange(tilesFor(rows), (from, to) -> {
      // One spare long so that a field's three bits never read past the end.
      long[] plus = new long[(maskWords + 1) / 2 + 1];
      long[] minus = new long[plus.length];
      for (int row = from * TILE_ROWS; row < Math.min(rows, to * TILE_ROWS); row++) {
        int maskTile = row / maskTileRows;
        int r = row % maskTileRows;
        for (int mw = 0; mw < maskWords; mw++) {
          int shift = (mw & 1) * 32;
          long keep = shift == 0 ? 0 : 0xffffffffL;
          plus[mw >> 1] = (plus[mw >> 1] & keep) | (m.plus(maskTile, mw)[r] & 0xffffffffL) << shift;
          minus[mw >> 1] = (minus[mw >> 1] & keep) | (m.minus(maskTile, mw)[r] & 0xffffffffL) << shift;
        }
        for (int word = 0; word < words; word++) {
          int packed = 0;
          for (int f = 0; f < FIELDS_PER_WORD; f++) {
            int c = word * WORD_WEIGHTS + f * 3;
            // Columns past cols read bits the masks hold as 0 (padding), which is weight 0.
            packed |= FIELD_OF_BITS[threeBits(plus, c) | threeBits(minus, c) << 3] << (5 * f);
          }
          data[index(row, word, words)] = (short) packed;
        }
      }
    });
    return new TritPackedWeights(rows, cols, m.scale(), data, m.plusCount(), m.minusCount());
  }

  /** Field of three weights from their plus bits (bits 0-2) and minus bits (bits 3-5). */
  private static final int[] FIELD_OF_BITS = new int[64];

  static {
    for (int bits = 0; bits < 64; bits++) {
      int field = 0;
      for (int i = 0, place = 1; i < 3; i++, place *= 3) {
        field += (1 + ((bits >> i) & 1) - ((bits >> (3 + i)) & 1)) * place;
      }
      FIELD_OF_BITS[bits] = field;
    }
  }

  /** Bits c, c + 1, c + 2 of a bit string held in longs (bit j in long j / 64). */
  private static int threeBits(long[] bits, int c) {
    int at = c & 63;
    long v = bits[c >>> 6] >>> at;
    if (at > 61) {
      v |= bits[(c >>> 6) + 1] << (64 - at);
    }
    return (int) (v & 7);
  }

  private static int index(int row, int word, int words) {
    return ((row / TILE_ROWS) * words + word) * TILE_ROWS + row % TILE_ROWS;
  }

  /** The ternary value at (row, col). */
  @Override
  public int get(int row, int col) {
    Objects.checkIndex(row, rows());
    Objects.checkIndex(col, cols());
    int word = col / WORD_WEIGHTS;
    int inWord = col % WORD_WEIGHTS;
    int field = (data[index(row, word, wordsFor(cols()))] >>> (5 * (inWord / 3))) & 31;
    for (int i = 0; i < inWord % 3; i++) {
      field /= 3;
    }
    return field % 3 - 1;
  }

  /**
   * Accumulators [tokens][rows] of W . x into {@code acc}, tiles split across {@code loop}'s threads, by
   * {@code kernel}. Every length the kernel relies on is checked here first.
   */
  public void accumulate(short[][] tables, int[] acc, ParallelLoop loop, TritGemvKernel kernel) {
    int words = wordsFor(cols());
    for (short[] t : tables) {
      if (t.length != words * FIELDS_PER_WORD * TritTables.GROUP_ENTRIES) {
        throw new IllegalArgumentException("lookup tables hold " + t.length + " shorts; K = " + cols() + " needs "
            + words * FIELDS_PER_WORD * TritTables.GROUP_ENTRIES);
      }
    }
    if (acc.length < (long) tables.length * rows()) {
      throw new IllegalArgumentException("accumulators hold " + acc.length + " ints; " + tables.length + " tokens x "
          + rows() + " rows need more");
    }
    loop.forRange(tilesFor(rows()), (from, to) -> kernel.accumulateTiles(data, words, rows(), tables, acc, from, to));
  }

  @Override
  public void accumulate(PackedActivations x, int[] acc, ParallelLoop loop) {
    requireFeatures(x);
    TritGemvKernel kernel = TernaryKernels.tritKernel();
    accumulate(x.tritTables(kernel), acc, loop, kernel);
  }

  /** The packed shorts (shared, not copied: kernels read them in place). */
  short[] data() {
    return data;
  }

  @Override
  public long storageBytes() {
    return 2L * data.length;
  }
}
