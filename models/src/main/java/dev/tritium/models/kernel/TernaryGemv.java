package dev.tritium.models.kernel;

import dev.tritium.models.quant.QuantizedActivations;
import java.util.Arrays;

/**
 * Ternary GEMV/GEMM on {@link MaskPackedWeights}: the same int32 accumulators as
 * {@link dev.tritium.models.nn.BitLinear#accumulate}, exactly.
 *
 * <p>Per row range of a tile and per token: for each mask word and bit plane b,
 * {@code d_b[r] += popcount(plus[r] & P_b) - popcount(minus[r] & P_b)}, then
 * {@code acc[r] = sum_{b<7} (d_b[r] << b) - (d_7[r] << 7)}. Every step is integer arithmetic, exact
 * modulo 2^32, and the true result fits in int32 (|acc| <= 128 K), so the result is exact and
 * independent of order and thread split.
 *
 * <p>Work units are tiles, split across threads in contiguous chunks; the layout picks an even tile
 * count where it can ({@link MaskPackedWeights#tileRowsFor}) so two threads stay balanced.
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

  /**
   * Accumulators into acc [tokens][rows] from pre-built planes (one array per token). Each thread's eight partial-sum
   * rows are allocated once per call, not per grain: the loop hands a thread one tile at a time, and a fresh
   * 8 x tileRows array per tile made 6912 x 2560 stream at half speed (0.60-0.69 ms against 0.26-0.28). They are not
   * kept between calls either: thread-local rows kept for the JVM's life made a decode token after `bench
   * reference`'s probes and GEMV table 28 ms slower (85-96 against 57-59 ms, repeatably; the cause was not found).
   */
  public static void accumulate(MaskPackedWeights w, int[][] planes, int[] acc, ParallelLoop loop) {
    int[][][] partials = new int[loop.threads()][][];
    loop.forRange(w.tiles(), (thread, from, to) -> {
      if (partials[thread] == null) {
        partials[thread] = new int[8][w.tileRows()];
      }
      accumulateTiles(w, planes, acc, from, to, partials[thread]);
    });
  }

  /** Tiles [tileFrom, tileTo) on the calling thread, with that thread's partial-sum rows. */
  private static void accumulateTiles(MaskPackedWeights w, int[][] planes, int[] acc, int tileFrom, int tileTo,
      int[][] partial) {
    int tr = w.tileRows();
    int words = w.words();
    int rows = w.rows();
    int lo = 0;
    for (int tile = tileFrom; tile < tileTo; tile++) {
      int hi = Math.min(tr, rows - tile * tr);
      for (int t = 0; t < planes.length; t++) {
        int[] p = planes[t];
        for (int[] d : partial) {
          Arrays.fill(d, lo, hi, 0);
        }
        int word = 0;
        for (; word + 1 < words; word += 2) {
          int[] plus0 = w.plus(tile, word);
          int[] minus0 = w.minus(tile, word);
          int[] plus1 = w.plus(tile, word + 1);
          int[] minus1 = w.minus(tile, word + 1);
          int pb = word * 8;
          for (int b = 0; b < 8; b++) {
            accumulatePlanes2(plus0, minus0, p[pb + b], plus1, minus1, p[pb + 8 + b], partial[b], lo, hi);
          }
        }
        if (word < words) {
          int[] plus = w.plus(tile, word);
          int[] minus = w.minus(tile, word);
          int pb = word * 8;
          for (int b = 0; b < 8; b++) {
            accumulatePlane(plus, minus, p[pb + b], partial[b], lo, hi);
          }
        }
        int out = t * rows + tile * tr;
        int[] d0 = partial[0];
        int[] d1 = partial[1];
        int[] d2 = partial[2];
        int[] d3 = partial[3];
        int[] d4 = partial[4];
        int[] d5 = partial[5];
        int[] d6 = partial[6];
        int[] d7 = partial[7];
        for (int r = lo; r < hi; r++) {
          acc[out + r] = d0[r] + (d1[r] << 1) + (d2[r] << 2) + (d3[r] << 3) + (d4[r] << 4) + (d5[r] << 5)
              + (d6[r] << 6) - (d7[r] << 7);
        }
      }
    }
  }

  /** The hot loop: weights and partial sums share the index r, the form C2 vectorizes. */
  private static void accumulatePlane(int[] plus, int[] minus, int plane, int[] d, int lo, int hi) {
    for (int r = lo; r < hi; r++) {
      d[r] += Integer.bitCount(plus[r] & plane) - Integer.bitCount(minus[r] & plane);
    }
  }

  /** Two words of one plane per pass: half the partial-sum loads and stores of two single-word passes. */
  private static void accumulatePlanes2(int[] plus0, int[] minus0, int plane0, int[] plus1, int[] minus1,
      int plane1, int[] d, int lo, int hi) {
    for (int r = lo; r < hi; r++) {
      d[r] += Integer.bitCount(plus0[r] & plane0) - Integer.bitCount(minus0[r] & plane0)
          + Integer.bitCount(plus1[r] & plane1) - Integer.bitCount(minus1[r] & plane1);
    }
  }
}
