package dev.tritium.models.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One token's int8 activations as 8 two's-complement bit planes per 32-feature word: plane {@code b}
 * of word {@code w} (index {@code w * 8 + b}) has bit {@code j} set when bit {@code b} of
 * {@code x[w * 32 + j]} is set. Then {@code sum_j wq_j * x_j = sum_b c_b * (popcount(plus & P_b) -
 * popcount(minus & P_b))} with {@code c_b = 2^b} for b < 7 and {@code c_7 = -128}, exactly, for every
 * int8 value including -128. Features past K are zero.
 *
 * <p>Built eight features at a time: their bytes, read as one little-endian long, are an 8 x 8 bit matrix (row i =
 * feature i, column b = bit b), and its transpose has in byte b bit b of each of the eight features. Three
 * delta swaps transpose it, in place of 64 single-bit moves. {@link #ofBitByBit} is the definition, kept for the
 * tests.
 */
public final class ActivationPlanes {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private ActivationPlanes() {}

  /** Planes of x[offset, offset + features). */
  public static int[] of(byte[] x, int offset, int features) {
    if (offset < 0 || features < 0 || offset > x.length - features) {
      throw new IndexOutOfBoundsException("features [" + offset + ", " + offset + " + " + features + ") of "
          + x.length);
    }
    int words = MaskPackedWeights.wordsFor(features);
    int[] planes = new int[words * 8];
    int full = features / MaskPackedWeights.WORD_WEIGHTS;
    for (int w = 0; w < full; w++) {
      int at = offset + w * MaskPackedWeights.WORD_WEIGHTS;
      word(transpose((long) LONGS.get(x, at)), transpose((long) LONGS.get(x, at + 8)),
          transpose((long) LONGS.get(x, at + 16)), transpose((long) LONGS.get(x, at + 24)), planes, w * 8);
    }
    int rest = features - full * MaskPackedWeights.WORD_WEIGHTS;
    if (rest > 0) {
      byte[] tail = new byte[MaskPackedWeights.WORD_WEIGHTS];
      System.arraycopy(x, offset + full * MaskPackedWeights.WORD_WEIGHTS, tail, 0, rest);
      word(transpose((long) LONGS.get(tail, 0)), transpose((long) LONGS.get(tail, 8)),
          transpose((long) LONGS.get(tail, 16)), transpose((long) LONGS.get(tail, 24)), planes, full * 8);
    }
    return planes;
  }

  /** Plane b of one word: byte b of each transposed quarter, quarter q in bits 8q .. 8q + 7. */
  private static void word(long t0, long t1, long t2, long t3, int[] planes, int at) {
    for (int b = 0; b < 8; b++) {
      int s = 8 * b;
      planes[at + b] = (int) ((t0 >>> s) & 0xff) | (int) ((t1 >>> s) & 0xff) << 8 | (int) ((t2 >>> s) & 0xff) << 16
          | (int) ((t3 >>> s) & 0xff) << 24;
    }
  }

  /** Transposes the 8 x 8 bit matrix whose row i is byte i (Hacker's Delight, 7-3: three delta swaps). */
  static long transpose(long x) {
    x = (x & 0xAA55AA55AA55AA55L) | ((x & 0x00AA00AA00AA00AAL) << 7) | ((x >>> 7) & 0x00AA00AA00AA00AAL);
    x = (x & 0xCCCC3333CCCC3333L) | ((x & 0x0000CCCC0000CCCCL) << 14) | ((x >>> 14) & 0x0000CCCC0000CCCCL);
    return (x & 0xF0F0F0F00F0F0F0FL) | ((x & 0x00000000F0F0F0F0L) << 28) | ((x >>> 28) & 0x00000000F0F0F0F0L);
  }

  /** The definition: every bit of every feature moved on its own. */
  static int[] ofBitByBit(byte[] x, int offset, int features) {
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
