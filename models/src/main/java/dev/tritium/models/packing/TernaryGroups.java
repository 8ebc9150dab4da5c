package dev.tritium.models.packing;

/**
 * Group-level codes of the LUT layouts, public so that LUT datapaths (simulator, FPGA export) map a
 * stored index back to its weights with the same rule the packing used.
 *
 * <p>A group of g ternary weights w_i becomes base-3 digits t_i = w_i + 1 in {0, 1, 2}; the group's
 * <em>index</em> is those digits read in a {@link DigitOrder}, in [0, 3^g). Groups that run past the
 * row end are padded with weight 0 (digit 1).
 *
 * <p>The <em>mirror</em> form (bitnet.cpp TL2) uses the balanced value v = index - (3^g - 1) / 2 =
 * sum w_i * 3^(position), in [-(3^g-1)/2, (3^g-1)/2]. A group and its negation have opposite v, so one
 * table of the (3^g + 1) / 2 non-negative magnitudes serves both: store {@code |v|} and a sign bit
 * ({@code v < 0}). For g = 3 that is 14 entries (0..13); v = 0 always has sign 0.
 */
public final class TernaryGroups {

  private TernaryGroups() {}

  /** 3^g. */
  public static int tableSize(int g) {
    checkGroupSize(g);
    int n = 1;
    for (int i = 0; i < g; i++) {
      n *= 3;
    }
    return n;
  }

  /** Number of entries of the mirrored table: (3^g + 1) / 2 (14 for g = 3). */
  public static int mirrorTableSize(int g) {
    return (tableSize(g) + 1) / 2;
  }

  /** Bits needed to store an index in [0, n): ceil(log2(n)). */
  public static int bitsFor(int n) {
    return 32 - Integer.numberOfLeadingZeros(Math.max(n - 1, 1));
  }

  /**
   * The index of the group starting at {@code values[offset]}; only {@code count <= g} weights are
   * real, the rest are padding (weight 0).
   */
  public static int index(byte[] values, int offset, int count, int g, DigitOrder order) {
    int code = 0;
    // Horner from the most significant digit down.
    for (int k = g - 1; k >= 0; k--) {
      int weight = order == DigitOrder.FIRST_LEAST_SIGNIFICANT ? k : g - 1 - k;
      int digit = weight < count ? values[offset + weight] + 1 : 1;
      code = code * 3 + digit;
    }
    return code;
  }

  /** Writes the g weights of {@code index} into {@code out[offset..offset+g)}. */
  public static void weights(int index, int g, DigitOrder order, byte[] out, int offset) {
    if (index < 0 || index >= tableSize(g)) {
      throw new IllegalArgumentException("group index " + index + " is outside [0, " + tableSize(g) + ") for g = " + g);
    }
    int rest = index;
    for (int k = 0; k < g; k++) {
      // k-th least significant digit
      int weight = order == DigitOrder.FIRST_LEAST_SIGNIFICANT ? k : g - 1 - k;
      out[offset + weight] = (byte) (rest % 3 - 1);
      rest /= 3;
    }
  }

  /** The g weights of {@code index} as a new array. */
  public static byte[] weights(int index, int g, DigitOrder order) {
    byte[] out = new byte[g];
    weights(index, g, order, out, 0);
    return out;
  }

  /** Balanced value v = index - (3^g - 1) / 2 of a most-significant-first index. */
  public static int balancedValue(int index, int g) {
    return index - (tableSize(g) - 1) / 2;
  }

  /** Mirror magnitude |v| of an index (0 .. (3^g - 1) / 2). */
  public static int mirrorMagnitude(int index, int g) {
    return Math.abs(balancedValue(index, g));
  }

  /** Mirror sign bit of an index: true when v &lt; 0 (the group is the negation of its table entry). */
  public static boolean mirrorNegative(int index, int g) {
    return balancedValue(index, g) < 0;
  }

  /** Inverse of the mirror split: the index whose balanced value is {@code negative ? -magnitude : magnitude}. */
  public static int fromMirror(boolean negative, int magnitude, int g) {
    int half = (tableSize(g) - 1) / 2;
    if (magnitude < 0 || magnitude > half) {
      throw new IllegalArgumentException("mirror magnitude " + magnitude + " is outside [0, " + half + "] for g = " + g);
    }
    if (negative && magnitude == 0) {
      throw new IllegalArgumentException("mirror sign bit set on magnitude 0 (the zero group has no negative form)");
    }
    return (negative ? -magnitude : magnitude) + half;
  }

  static void checkGroupSize(int g) {
    if (g < 1 || g > 8) {
      throw new IllegalArgumentException("group size must be in 1..8, got " + g);
    }
  }
}
