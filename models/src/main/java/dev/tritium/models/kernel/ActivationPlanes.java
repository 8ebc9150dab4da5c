package dev.tritium.models.kernel;

/**
 * One token's int8 activations as 8 two's-complement bit planes per 32-feature word: plane {@code b}
 * of word {@code w} (index {@code w * 8 + b}) has bit {@code j} set when bit {@code b} of
 * {@code x[w * 32 + j]} is set. Then {@code sum_j wq_j * x_j = sum_b c_b * (popcount(plus & P_b) -
 * popcount(minus & P_b))} with {@code c_b = 2^b} for b < 7 and {@code c_7 = -128}, exactly, for every
 * int8 value including -128. Features past K are zero.
 */
public final class ActivationPlanes {

  private ActivationPlanes() {}

  /** Planes of x[offset, offset + features). */
  public static int[] of(byte[] x, int offset, int features) {
    int words = MaskPackedWeights.wordsFor(features);
    int[] planes = new int[words * 8];
    for (int k = 0; k < features; k++) {
      int v = x[offset + k] & 0xff;
      int base = (k / MaskPackedWeights.WORD_WEIGHTS) * 8;
      int shift = k % MaskPackedWeights.WORD_WEIGHTS;
      for (int b = 0; b < 8; b++) {
        planes[base + b] |= ((v >>> b) & 1) << shift;
      }
    }
    return planes;
  }
}
