package dev.tritium.models.kernel;

import dev.tritium.models.quant.QuantizedActivations;

/**
 * Ternary GEMV/GEMM on {@link MaskPackedWeights}: the same int32 accumulators as
 * {@link dev.tritium.models.nn.BitLinear#accumulate}, exactly.
 *
 * <p>Per tile and token: for each mask word and bit plane b, {@code d_b[r] += popcount(plus[r] & P_b)
 * - popcount(minus[r] & P_b)} over the tile's rows (one array index for weights and partial sums, so
 * C2 vectorizes it), then {@code acc[r] = sum_{b<7} d_b[r] << b - d_7[r] << 7}. Every step is integer
 * arithmetic, exact modulo 2^32, and the true result fits in int32 (|acc| <= 128 K), so the result
 * is exact and independent of the order and of the thread split (tiles are split across threads).
 */
public final class TernaryGemv {

  private TernaryGemv() {}

  /** Accumulators [tokens][rows] for all tokens of x. */
  public static int[] accumulate(MaskPackedWeights w, QuantizedActivations x, ParallelLoop loop) {
    if (w.cols() != x.features()) {
      throw new IllegalArgumentException(
          "GEMV shape mismatch: weights have K = " + w.cols() + ", activations have K = " + x.features());
    }
    int[][] planes = new int[x.tokens()][];
    for (int t = 0; t < x.tokens(); t++) {
      planes[t] = ActivationPlanes.of(x.values(), t * x.features(), x.features());
    }
    int[] acc = new int[x.tokens() * w.rows()];
    accumulate(w, planes, acc, loop);
    return acc;
  }

  /** Accumulators into acc [tokens][rows] from pre-built planes (one array per token). */
  public static void accumulate(MaskPackedWeights w, int[][] planes, int[] acc, ParallelLoop loop) {
    loop.forRange(w.tiles(), (from, to) -> accumulateTiles(w, planes, acc, from, to));
  }

  /** Tiles [tileFrom, tileTo) of the accumulators, on the calling thread. */
  public static void accumulateTiles(MaskPackedWeights w, int[][] planes, int[] acc, int tileFrom, int tileTo) {
    final int tr = MaskPackedWeights.TILE_ROWS;
    int[][] partial = new int[8][tr];
    int words = w.words();
    int rows = w.rows();
    for (int tile = tileFrom; tile < tileTo; tile++) {
      int row0 = tile * tr;
      int live = Math.min(tr, rows - row0);
      for (int t = 0; t < planes.length; t++) {
        int[] p = planes[t];
        for (int[] d : partial) {
          java.util.Arrays.fill(d, 0);
        }
        for (int word = 0; word < words; word++) {
          int[] block = w.block(tile, word);
          for (int b = 0; b < 8; b++) {
            accumulatePlane(block, p[word * 8 + b], partial[b]);
          }
        }
        int out = t * rows + row0;
        for (int r = 0; r < live; r++) {
          acc[out + r] = partial[0][r] + (partial[1][r] << 1) + (partial[2][r] << 2) + (partial[3][r] << 3)
              + (partial[4][r] << 4) + (partial[5][r] << 5) + (partial[6][r] << 6) - (partial[7][r] << 7);
        }
      }
    }
  }

  /** The hot loop: weights and partial sums share the index r, the form C2 vectorizes. */
  private static void accumulatePlane(int[] block, int plane, int[] d) {
    for (int r = 0; r < MaskPackedWeights.TILE_ROWS; r++) {
      d[r] += Integer.bitCount(block[r] & plane) - Integer.bitCount(block[r + MaskPackedWeights.TILE_ROWS] & plane);
    }
  }
}
