package dev.tritium.isa.encoding;

/** Bit-field access on a 128-bit word held as two longs (word[0] = bits 0..63). */
final class Bits {

  private Bits() {}

  static long get(long[] word, int offset, int width) {
    long result = 0;
    for (int done = 0; done < width; ) {
      int bit = offset + done;
      int inWord = bit & 63;
      int take = Math.min(width - done, 64 - inWord);
      long chunk = word[bit >>> 6] >>> inWord;
      if (take < 64) {
        chunk &= (1L << take) - 1;
      }
      result |= chunk << done;
      done += take;
    }
    return result;
  }

  static void set(long[] word, int offset, int width, long value) {
    for (int done = 0; done < width; ) {
      int bit = offset + done;
      int inWord = bit & 63;
      int take = Math.min(width - done, 64 - inWord);
      long mask = take == 64 ? -1L : (1L << take) - 1;
      long chunk = (value >>> done) & mask;
      word[bit >>> 6] = (word[bit >>> 6] & ~(mask << inWord)) | (chunk << inWord);
      done += take;
    }
  }

  /** True when every bit from {@code from} to 127 is zero. */
  static boolean zeroFrom(long[] word, int from) {
    if (from >= 128) {
      return true;
    }
    if (from >= 64) {
      return (word[1] >>> (from - 64)) == 0;
    }
    return word[1] == 0 && (word[0] >>> from) == 0;
  }

  static long[] load(byte[] in, int offset) {
    long[] w = new long[2];
    for (int i = 0; i < 16; i++) {
      w[i >>> 3] |= (in[offset + i] & 0xFFL) << (8 * (i & 7));
    }
    return w;
  }

  static void store(long[] w, byte[] out, int offset) {
    for (int i = 0; i < 16; i++) {
      out[offset + i] = (byte) (w[i >>> 3] >>> (8 * (i & 7)));
    }
  }
}
