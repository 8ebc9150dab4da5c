package dev.tritium.simulator.unit.vector;

/**
 * VEC.FWHT's function: the fast Walsh-Hadamard transform of one row in fp32, Sylvester order, unnormalised,
 * block-diagonal with slices of {@code b = len & -len} (the largest power of two dividing len). The simulator's
 * own code of the butterfly order in isa/README.md: per slice starting at {@code o}, for
 * {@code h = 1, 2, ..., b/2}, for {@code i = 0, 2h, ...}, for {@code j = o + i .. o + i + h - 1}:
 * {@code a = v[j]; c = v[j + h]; v[j] = a + c; v[j + h] = a - c}.
 */
final class WalshHadamard {

  private WalshHadamard() {}

  /**
   * The slice size b of a row of len elements, refusing an odd len: with b = 1 the transform would mix nothing,
   * and the rotation formats refuse such sizes too.
   */
  static int block(int len, String where) {
    if (len < 2 || len % 2 != 0) {
      throw new IllegalArgumentException(where + ": the transform works on slices of b = len & -len, so len must"
          + " be even and positive, got " + len);
    }
    return len & -len;
  }

  /** Butterfly stages per row: log2 b (each stage is one add or subtract per element). */
  static int stages(int len, String where) {
    return Integer.numberOfTrailingZeros(block(len, where));
  }

  /** Transforms {@code row} in place. */
  static void transform(float[] row, String where) {
    int b = block(row.length, where);
    for (int o = 0; o < row.length; o += b) {
      for (int h = 1; h < b; h <<= 1) {
        for (int i = 0; i < b; i += 2 * h) {
          for (int j = o + i; j < o + i + h; j++) {
            float a = row[j];
            float c = row[j + h];
            row[j] = a + c;
            row[j + h] = a - c;
          }
        }
      }
    }
  }
}
