package dev.tritium.models.kernel;

/**
 * The reference engine's fast Walsh-Hadamard transform in fp32, Sylvester order, unnormalised, block-diagonal with
 * slices of {@code b = n & -n} (the largest power of two dividing n). The op order, which a simulator must follow:
 * per slice starting at {@code o}, for {@code h = 1, 2, ..., b/2}, for {@code i = 0, 2h, ...}, for
 * {@code j = o + i .. o + i + h - 1}: {@code a = v[j]; c = v[j + h]; v[j] = a + c; v[j + h] = a - c}.
 *
 * <p>It lives here, below both the formats ({@code models.format.Hadamard}, the rotation formats' transforms) and
 * the decoder layer ({@code models.nn.DecoderLayer}, SpinQuant's R3 on query and key heads), so that neither of those
 * packages depends on the other for it.
 */
public final class FastHadamard {

  private FastHadamard() {}

  /** The slice size b: the largest power of two dividing n (n itself for a power of two); n must be positive. */
  public static int block(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("Hadamard rotation: size must be positive, got " + n);
    }
    return n & -n;
  }

  /** The transform of {@code v[off, off + n)} in place (class comment). */
  public static void fwht(float[] v, int off, int n) {
    int b = block(n);
    for (int o = off; o < off + n; o += b) {
      for (int h = 1; h < b; h <<= 1) {
        for (int i = 0; i < b; i += 2 * h) {
          for (int j = o + i; j < o + i + h; j++) {
            float a = v[j];
            float c = v[j + h];
            v[j] = a + c;
            v[j + h] = a - c;
          }
        }
      }
    }
  }
}
