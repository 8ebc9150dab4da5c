package dev.tritium.simulator.scalesim;

import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.simulator.unit.mac.SystolicMapping;
import java.util.function.LongConsumer;

/**
 * Where SCALE-Sim's three operands are requested, line by line, without building its demand matrices.
 *
 * <p>SCALE-Sim serialises folds (column fold outer, row fold inner); every fold lasts {@link #linesPerFold}
 * demand lines (one per cycle before stalls). Each read operand is one of two shapes, read off
 * {@code systolic_compute_{ws,os,is}.py}:
 *
 * <ul>
 *   <li>{@link Stream.Skewed}: a {@code T x W} block per fold (block index {@code g} = row or column fold),
 *       preceded by {@code prefix} empty lines and skewed: line {@code j} of the fold asks for block row
 *       {@code r = j - prefix - c} of every used column {@code c}, columns in ascending order. Its prefetch
 *       (fetch) order stacks the {@code G} blocks ({@code G T x W}, unused columns of the last block are
 *       holes) and walks the anti-diagonals, each from its highest row down. ws ifmap, os ifmap, os filter
 *       and is filter have this shape.</li>
 *   <li>{@link Stream.Tile}: the stationary tile. Fold {@code (fc, fr)} asks for rows
 *       {@code fr R .. fr R + R - 1} of column block {@code fc}, bottom row first, one row per line in its
 *       first R lines. Its fetch order is the column blocks stacked ({@code Sr x C} each), row-major.
 *       ws filter and is ifmap have this shape.</li>
 * </ul>
 *
 * Elements are named by the operand matrix SCALE-Sim builds (ifmap: ofmap pixel x window, filter:
 * window x filter); {@link Stream#transposed} says whether block rows index its columns.
 */
final class DemandGeometry {

  /** Which fold index selects the block of a skewed stream. */
  enum BlockBy { ROW_FOLD, COL_FOLD }

  /** One read operand's request and prefetch layout. */
  sealed interface Stream permits Stream.Skewed, Stream.Tile {
    /** True when element (block row, column) is operand[column][block row] rather than operand[row][column]. */
    boolean transposed();

    /** True for the ifmap, false for the filter. */
    boolean ifmap();

    /** Words SCALE-Sim's prefetch matrix holds, holes included (they still occupy request slots). */
    long fetchSlots(SystolicMapping map);

    /** Feeds every slot of the prefetch order to {@code sink}, -1 for a hole. */
    void forEachFetch(DemandGeometry geo, LongConsumer sink);

    /** Writes the addresses requested in line {@code j} of fold {@code (fc, fr)}; returns how many. */
    int requests(DemandGeometry geo, long fc, long fr, long j, long[] out);

    /** Number of requests in line {@code j} of fold {@code (fc, fr)}, for an operand without holes in its matrix. */
    long count(long fc, long fr, long j);

    /**
     * Position, among the words of the prefetch order, of the first request of line {@code j} of fold
     * {@code (fc, fr)}; the line's other requests follow it there one by one (both orders walk a line the
     * same way). Valid when {@link #count} is positive and the operand has no holes in its matrix.
     */
    long firstRank(long fc, long fr, long j);

    /** Requests made before line {@code j} within fold {@code (fc, fr)}. */
    long requestsBefore(long fc, long fr, long j);

    /**
     * @param blocks G, number of stacked blocks
     * @param rows T, rows per block
     * @param width W, columns per block (array rows or columns)
     * @param spatial the extent folded over W (the last block uses {@code spatial - (G - 1) W} columns)
     * @param prefix empty lines at the start of each fold
     */
    record Skewed(boolean ifmap, boolean transposed, long blocks, long rows, int width, long spatial, long prefix,
        BlockBy blockBy) implements Stream {
      long used(long g) {
        return Math.min(width, spatial - g * width);
      }

      @Override
      public long fetchSlots(SystolicMapping map) {
        return Math.multiplyExact(Math.multiplyExact(blocks, rows), width);
      }

      private long block(long fc, long fr) {
        return blockBy == BlockBy.ROW_FOLD ? fr : fc;
      }

      @Override
      public long count(long fc, long fr, long j) {
        long rel = j - prefix;
        long lo = Math.max(0, rel - rows + 1);
        long hi = Math.min(used(block(fc, fr)) - 1, rel);
        return Math.max(0, hi - lo + 1);
      }

      @Override
      public long firstRank(long fc, long fr, long j) {
        long g = block(fc, fr);
        long rel = j - prefix;
        long lo = Math.max(0, rel - rows + 1);
        long stacked = blocks * rows;
        long d = g * rows + rel;
        long topRow = d - lo;
        long maxRow = Math.min(d, stacked - 1);
        long lastUsed = used(blocks - 1);
        long before = cellsBelowDiagonal(0, stacked, 0, width, d) + (maxRow - topRow);
        if (lastUsed < width) {
          // Holes: the last block's unused columns, in earlier diagonals and above topRow on this one.
          long r0 = (blocks - 1) * rows;
          before -= cellsBelowDiagonal(r0, rows, lastUsed, width, d);
          long from = Math.max(topRow + 1, r0);
          long to = Math.min(Math.min(maxRow, stacked - 1), d - lastUsed);
          before -= Math.max(0, to - from + 1);
        }
        return before;
      }

      @Override
      public long requestsBefore(long fc, long fr, long j) {
        return cellsBelowDiagonal(0, rows, 0, used(block(fc, fr)), j - prefix);
      }

      @Override
      public void forEachFetch(DemandGeometry geo, LongConsumer sink) {
        long stacked = blocks * rows;
        // Anti-diagonal d holds (row, d - row), walked from its highest row down.
        for (long d = 0; d < stacked + width - 1; d++) {
          long maxRow = Math.min(d, stacked - 1);
          long minRow = Math.max(0, d - width + 1);
          for (long row = maxRow; row >= minRow; row--) {
            long c = d - row;
            long g = row / rows;
            sink.accept(c >= used(g) ? -1 : geo.address(this, row % rows, g * width + c));
          }
        }
      }

      @Override
      public int requests(DemandGeometry geo, long fc, long fr, long j, long[] out) {
        long g = blockBy == BlockBy.ROW_FOLD ? fr : fc;
        long rel = j - prefix;
        long lo = Math.max(0, rel - rows + 1);
        long hi = Math.min(used(g) - 1, rel);
        int n = 0;
        for (long c = lo; c <= hi; c++) {
          long a = geo.address(this, rel - c, g * width + c);
          if (a >= 0) {
            out[n++] = a;
          }
        }
        return n;
      }
    }

    /**
     * @param rows Sr, rows of each column block (the reduction extent)
     * @param width C, columns per block
     * @param spatial the extent folded over C
     * @param arrayRows R, tile rows per fold
     */
    record Tile(boolean ifmap, boolean transposed, long rows, int width, long spatial, int arrayRows)
        implements Stream {
      long used(long fc) {
        return Math.min(width, spatial - fc * width);
      }

      @Override
      public long fetchSlots(SystolicMapping map) {
        return Math.multiplyExact(Math.multiplyExact(map.colFolds(), rows), width);
      }

      /** Row of the operand line {@code j} of row fold {@code fr} asks for, or -1 for none. */
      private long row(long fr, long j) {
        if (j >= arrayRows) {
          return -1;
        }
        long rowsUsed = Math.min(arrayRows, rows - fr * arrayRows);
        long padded = arrayRows - 1 - j;
        return padded >= rowsUsed ? -1 : fr * arrayRows + padded;
      }

      @Override
      public long count(long fc, long fr, long j) {
        return row(fr, j) < 0 ? 0 : used(fc);
      }

      @Override
      public long firstRank(long fc, long fr, long j) {
        return fc * rows * width + row(fr, j) * used(fc);
      }

      @Override
      public long requestsBefore(long fc, long fr, long j) {
        long ru = Math.min(arrayRows, rows - fr * arrayRows);
        long firstLine = arrayRows - ru;
        return Math.max(0, Math.min(j, arrayRows) - firstLine) * used(fc);
      }

      @Override
      public void forEachFetch(DemandGeometry geo, LongConsumer sink) {
        for (long fc = 0; fc < geo.map.colFolds(); fc++) {
          long u = used(fc);
          for (long row = 0; row < rows; row++) {
            for (long c = 0; c < width; c++) {
              sink.accept(c >= u ? -1 : geo.address(this, row, fc * width + c));
            }
          }
        }
      }

      @Override
      public int requests(DemandGeometry geo, long fc, long fr, long j, long[] out) {
        if (j >= arrayRows) {
          return 0;
        }
        long rowsUsed = Math.min(arrayRows, rows - fr * arrayRows);
        long padded = arrayRows - 1 - j;
        if (padded >= rowsUsed) {
          return 0;
        }
        long row = fr * arrayRows + padded;
        long u = used(fc);
        int n = 0;
        for (long c = 0; c < u; c++) {
          long a = geo.address(this, row, fc * width + c);
          if (a >= 0) {
            out[n++] = a;
          }
        }
        return n;
      }
    }
  }

  /**
   * Cells {@code (row, col)} of the rectangle {@code [r0, r0 + height) x [c0, c1)} with {@code row + col < d}:
   * the number of prefetch-order slots a diagonal walk visits there before diagonal {@code d}. O(1).
   */
  static long cellsBelowDiagonal(long r0, long height, long c0, long c1, long d) {
    if (c1 <= c0 || height <= 0) {
      return 0;
    }
    return clampedPrefix(d - r0 - c0, height) - clampedPrefix(d - r0 - c1, height);
  }

  /** Sum over y <= b of clamp(y, 0, h). */
  private static long clampedPrefix(long b, long h) {
    if (b <= 0) {
      return 0;
    }
    if (b <= h) {
      return Math.multiplyExact(b, b + 1) / 2;
    }
    return Math.addExact(Math.multiplyExact(h, h + 1) / 2, Math.multiplyExact(b - h, h));
  }

  /**
   * True when every element of the operand matrix is a distinct address inside the operand (no -1): always
   * for the filter; for the ifmap when convolution windows neither overlap nor leave the ifmap, as in every
   * GEMM. Such operands take the rank-range fast path.
   */
  boolean distinctAddresses(Stream s) {
    if (!s.ifmap()) {
      return true;
    }
    ScaleSimLayer l = layer;
    boolean rows = (l.ofmapHeight() == 1 || l.strideHeight() >= l.filterHeight())
        && (l.ofmapHeight() - 1) * l.strideHeight() + l.filterHeight() <= l.ifmapHeight();
    boolean cols = (l.ofmapWidth() == 1 || l.strideWidth() >= l.filterWidth())
        && (l.ofmapWidth() - 1) * l.strideWidth() + l.filterWidth() <= l.ifmapWidth();
    return rows && cols;
  }

  final ScaleSimLayer layer;
  final SystolicMapping map;
  final long linesPerFold;
  final long lines;
  final Stream ifmapStream;
  final Stream filterStream;

  DemandGeometry(ScaleSimLayer layer, SystolicMapping map) {
    this.layer = layer;
    this.map = map;
    this.linesPerFold = ScaleSimModel.linesPerFold(map);
    this.lines = Math.multiplyExact(map.folds(), linesPerFold);
    long m = layer.ofmapPixels();
    long k = layer.windowSize();
    long n = layer.numFilters();
    int r = map.rows();
    int c = map.cols();
    switch (map.dataflow()) {
      case WS -> {
        ifmapStream = new Stream.Skewed(true, false, map.rowFolds(), m, r, k, r, BlockBy.ROW_FOLD);
        filterStream = new Stream.Tile(false, false, k, c, n, r);
      }
      case OS -> {
        ifmapStream = new Stream.Skewed(true, true, map.rowFolds(), k, r, m, 0, BlockBy.ROW_FOLD);
        filterStream = new Stream.Skewed(false, false, map.colFolds(), k, c, n, 0, BlockBy.COL_FOLD);
      }
      case IS -> {
        ifmapStream = new Stream.Tile(true, true, k, c, m, r);
        filterStream = new Stream.Skewed(false, true, map.rowFolds(), n, r, k, r, BlockBy.ROW_FOLD);
      }
      default -> throw new IllegalStateException("unreachable dataflow " + map.dataflow());
    }
  }

  Dataflow dataflow() {
    return map.dataflow();
  }

  // ---- addresses (operand-local, dense, -1 for SCALE-Sim's out-of-ifmap window positions) ----

  /** Address of ifmap operand element (ofmap pixel p, window index w), or -1 when outside the ifmap. */
  long ifmapAddress(long p, long w) {
    long ew = layer.ofmapWidth();
    long orow = p / ew;
    long ocol = p % ew;
    long iRow = orow * layer.strideHeight();
    long iCol = ocol * layer.strideWidth();
    long ch = layer.channels();
    long perRow = (long) layer.filterWidth() * ch;
    long cRow = w / perRow;
    long rem = w % perRow;
    long cCol = rem / ch;
    long cCh = rem % ch;
    if (cRow + iRow >= layer.ifmapHeight() || cCol + iCol >= layer.ifmapWidth()) {
      return -1;
    }
    return ((cRow + iRow) * layer.ifmapWidth() + cCol + iCol) * ch + cCh;
  }

  /** Address of filter operand element (window index w, filter f). */
  long filterAddress(long w, long f) {
    return f * layer.windowSize() + w;
  }

  /** Size of the dense address space of an operand. */
  long addressSpace(boolean ifmap) {
    return ifmap ? (long) layer.ifmapHeight() * layer.ifmapWidth() * layer.channels()
        : Math.multiplyExact(layer.windowSize(), layer.numFilters());
  }

  /** Address of a stream element given its operand-matrix row and column as the stream sees them. */
  long address(Stream s, long row, long col) {
    long i = s.transposed() ? col : row;
    long j = s.transposed() ? row : col;
    return s.ifmap() ? ifmapAddress(i, j) : filterAddress(i, j);
  }

  /**
   * Writes the addresses line {@code line} requests from stream {@code s} into {@code out} (request order,
   * -1 entries dropped) and returns how many.
   */
  int requests(Stream s, long line, long[] out) {
    long fold = line / linesPerFold;
    return s.requests(this, fold / map.rowFolds(), fold % map.rowFolds(), line % linesPerFold, out);
  }

  /** Ofmap words written by line {@code line} (SCALE-Sim's ofmap demand, -1 entries not counted). */
  long ofmapWrites(long line) {
    long fold = line / linesPerFold;
    long j = line % linesPerFold;
    long fc = fold / map.rowFolds();
    long fr = fold % map.rowFolds();
    long r = map.rows();
    long t = map.t();
    long cu = map.colsUsed(fc);
    if (map.dataflow() == Dataflow.OS) {
      // T - 1 empty lines, then the R x C output block bottom row first, skewed by column.
      long rel = j - (t - 1);
      long ru = map.rowsUsed(fr);
      // column cc writes flipped row q = rel - cc, 0 <= q < R; the original row R - 1 - q must be < ru.
      long loCol = Math.max(0, rel - r + 1);
      long hiCol = Math.min(cu - 1, rel - (r - ru));
      return Math.max(0, hiCol - loCol + 1);
    }
    // ws, is: 2R - 1 empty lines, then T output rows, skewed by column.
    long rel = j - (2 * r - 1);
    long lo = Math.max(0, rel - t + 1);
    long hi = Math.min(cu - 1, rel);
    return Math.max(0, hi - lo + 1);
  }
}
