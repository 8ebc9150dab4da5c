package dev.tritium.models.format;

/**
 * The bit-plane view of b-bit integer weights or activations: {@code W = sum_i c_i 2^i W_i - offset} with
 * binary planes {@code W_i} in {0, 1}. It is exactly equal to the integer form (tested for every code).
 *
 * <ul>
 *   <li>{@link Convention#OFFSET}: the planes of an unsigned stored code u in [0, 2^b); every {@code c_i = +1}
 *       and the value is {@code u - offset}, with the offset the group's zero-point (asymmetric grids) or
 *       {@code 2^(b-1)} for signed codes stored offset-binary ({@code u = w + 2^(b-1)}).</li>
 *   <li>{@link Convention#TWOS_COMPLEMENT}: the planes of a signed code w in [-2^(b-1), 2^(b-1)) written in b-bit
 *       two's complement; {@code c_i = +1} except the top plane, {@code c_(b-1) = -1}; no offset.</li>
 * </ul>
 */
public final class BitPlanes {

  /** How the b planes combine (class comment). */
  public enum Convention {
    OFFSET,
    TWOS_COMPLEMENT
  }

  private BitPlanes() {}

  /**
   * The b planes of the codes: {@code planes[i][e] = bit i of codes[e]} (of the two's-complement pattern for
   * a negative code). Codes outside the convention's range are rejected.
   */
  public static byte[][] split(int[] codes, int bits, Convention convention) {
    IntGrid.checkBits(bits, "bit-plane count");
    int lo = convention == Convention.OFFSET ? 0 : -(1 << (bits - 1));
    int hi = convention == Convention.OFFSET ? (1 << bits) - 1 : (1 << (bits - 1)) - 1;
    byte[][] planes = new byte[bits][codes.length];
    for (int e = 0; e < codes.length; e++) {
      int c = codes[e];
      if (c < lo || c > hi) {
        throw new IllegalArgumentException("code " + c + " at index " + e + " is outside the " + bits + "-bit "
            + convention.name().toLowerCase(java.util.Locale.ROOT) + " range " + lo + " .. " + hi);
      }
      for (int i = 0; i < bits; i++) {
        planes[i][e] = (byte) ((c >> i) & 1);
      }
    }
    return planes;
  }

  /** The weight {@code c_i 2^i} of plane i. */
  public static int planeWeight(int i, int bits, Convention convention) {
    return convention == Convention.TWOS_COMPLEMENT && i == bits - 1 ? -(1 << i) : 1 << i;
  }

  /** {@code sum_i c_i 2^i planes[i][e]} per element: the codes back (before any offset). */
  public static int[] join(byte[][] planes, Convention convention) {
    int bits = planes.length;
    int[] out = new int[planes[0].length];
    for (int i = 0; i < bits; i++) {
      int w = planeWeight(i, bits, convention);
      for (int e = 0; e < out.length; e++) {
        out[e] += w * planes[i][e];
      }
    }
    return out;
  }
}
