package dev.tritium.models.format;

import dev.tritium.models.kernel.FastHadamard;

import java.util.SplittableRandom;

/**
 * The Walsh-Hadamard transform used by the rotation formats, in Sylvester order ({@code H_1 = [1]},
 * {@code H_2b = [[H_b, H_b], [H_b, -H_b]]}), unnormalised: {@code H_b H_b = b I}.
 *
 * <p><b>Sizes.</b> A vector of size {@code n = 2^j m} (m odd) is transformed by the block-diagonal
 * {@code I_m (x) H_b} with {@code b = 2^j} = {@link #block}(n), the largest power of two dividing n: m
 * independent b-point transforms on consecutive slices. For a power of two this is the full Hadamard transform;
 * otherwise it is still orthogonal after scaling by {@code 1 / sqrt(b)}, but it mixes only within slices of b
 * (e.g. 14336 = 7 x 2048, 11008 = 43 x 256, 6912 = 27 x 256), so incoherence is weaker than with a full
 * rotation. A full rotation for such sizes needs a Kronecker product with a Hadamard matrix of order 28, 172,
 * ..., which is not built here. Odd sizes (b = 1, no mixing at all) are refused.
 *
 * <p><b>Op order</b> (what a simulator must follow), per slice starting at {@code o}: for
 * {@code h = 1, 2, 4, ..., b/2}, for {@code i = 0, 2h, 4h, ...}, for {@code j = o + i .. o + i + h - 1}:
 * {@code a = v[j]; c = v[j + h]; v[j] = a + c; v[j + h] = a - c}. That is {@code n log2 b} additions (a
 * subtraction counts as one), {@link #adds}, and no multiplications.
 */
public final class Hadamard {

  private Hadamard() {}

  /** The slice size b: the largest power of two dividing n (n itself for a power of two). */
  public static int block(int n) {
    return FastHadamard.block(n);
  }

  /**
   * Throws a clear refusal for sizes with no power-of-two factor (b = 1); {@code what} names the vector (e.g.
   * "input (K) of a 5 x 7 matrix"). Returns the slice size b.
   */
  public static int requireEven(int n, String what) {
    int b = block(n);
    if (b < 2) {
      throw new IllegalArgumentException("Hadamard rotation of the " + what + ": size " + n
          + " is odd, so a block Hadamard transform would not mix anything; expected an even size, ideally a power"
          + " of two");
    }
    return b;
  }

  /** Additions of one fast transform of size n: {@code n log2 block(n)}. */
  public static long adds(int n) {
    return (long) n * Integer.numberOfTrailingZeros(block(n));
  }

  /** The fast transform of {@code v[off, off + n)} in fp32, in place (class comment; {@link FastHadamard}). */
  public static void fwht(float[] v, int off, int n) {
    FastHadamard.fwht(v, off, n);
  }

  /** The same transform in fp64, for the offline (quantizer-side) rotations. */
  public static void fwht(double[] v, int off, int n) {
    int b = block(n);
    for (int o = off; o < off + n; o += b) {
      for (int h = 1; h < b; h <<= 1) {
        for (int i = 0; i < b; i += 2 * h) {
          for (int j = o + i; j < o + i + h; j++) {
            double a = v[j];
            double c = v[j + h];
            v[j] = a + c;
            v[j + h] = a - c;
          }
        }
      }
    }
  }

  /** n seeded random signs in {-1, +1}: the diagonal D of a randomized Hadamard rotation H D / sqrt(b). */
  public static byte[] randomSigns(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] s = new byte[n];
    for (int i = 0; i < n; i++) {
      s[i] = (rnd.nextLong() & 1) == 0 ? (byte) 1 : (byte) -1;
    }
    return s;
  }

  /** {@code (float) (1 / sqrt(x))} computed in fp64 and rounded once: exact when x is a power of four. */
  public static float invSqrt(long x) {
    return (float) (1.0 / Math.sqrt(x));
  }
}
