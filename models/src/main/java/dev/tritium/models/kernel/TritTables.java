package dev.tritium.models.kernel;

/**
 * One token's int8 activations as the lookup tables of the {@link TritPackedWeights} GEMV.
 *
 * <p>Group {@code g} covers features {@code 3g, 3g + 1, 3g + 2} (zero past K) and owns 32 shorts at {@code 32 g}:
 * entry {@code i = d0 + 3 d1 + 9 d2} (digits in {0, 1, 2}, i < 27) holds {@code (d0 - 1) x[3g] + (d1 - 1) x[3g + 1]
 * + (d2 - 1) x[3g + 2]}, the dot product of the three activations with the ternary weights the digits stand for.
 * Entries 27..31 are 0 and never indexed. |entry| <= 3 * 128 = 384, so every entry is exact in a short.
 *
 * <p>Why 32 entries: one table is then one 512-bit vector of 16-bit lanes, and a lane permute (VPERMW) looks up 32
 * rows at once.
 */
public final class TritTables {

  /** Shorts per group's table. */
  public static final int GROUP_ENTRIES = 32;

  private TritTables() {
  }

  /** Tables of x[offset, offset + features), for {@link TritPackedWeights#wordsFor(int) wordsFor(features)} words. */
  public static short[] of(byte[] x, int offset, int features) {
    if (offset < 0 || features < 0 || offset > x.length - features) {
      throw new IndexOutOfBoundsException("features [" + offset + ", " + offset + " + " + features + ") of "
          + x.length);
    }
    int groups = TritPackedWeights.wordsFor(features) * TritPackedWeights.FIELDS_PER_WORD;
    short[] t = new short[groups * GROUP_ENTRIES];
    for (int g = 0; g < groups; g++) {
      int c = 3 * g;
      int a0 = c < features ? x[offset + c] : 0;
      int a1 = c + 1 < features ? x[offset + c + 1] : 0;
      int a2 = c + 2 < features ? x[offset + c + 2] : 0;
      int base = g * GROUP_ENTRIES;
      // Built digit by digit: 3 + 9 + 27 adds instead of 27 three-term sums.
      int[] d0 = {-a0, 0, a0};
      int i = 0;
      for (int k2 = -1; k2 <= 1; k2++) {
        for (int k1 = -1; k1 <= 1; k1++) {
          int s = k2 * a2 + k1 * a1;
          for (int k0 = 0; k0 < 3; k0++) {
            t[base + i++] = (short) (s + d0[k0]);
          }
        }
      }
    }
    return t;
  }
}
