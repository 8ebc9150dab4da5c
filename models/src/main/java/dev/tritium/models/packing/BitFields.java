package dev.tritium.models.packing;

/**
 * Fixed-width unsigned fields in a byte array, least significant bit first: field bit b at stream bit
 * p lives in byte {@code p / 8}, bit {@code p % 8}. Widths up to 16 bits.
 */
final class BitFields {

  private BitFields() {}

  static void write(byte[] buf, long bitPos, int width, int value) {
    int byteIndex = (int) (bitPos >>> 3);
    int shift = (int) (bitPos & 7);
    long bits = ((long) value & ((1L << width) - 1)) << shift;
    for (int b = byteIndex; bits != 0; b++) {
      buf[b] |= (byte) bits;
      bits >>>= 8;
    }
  }

  static int read(byte[] buf, long bitPos, int width) {
    int byteIndex = (int) (bitPos >>> 3);
    int shift = (int) (bitPos & 7);
    int needed = (shift + width + 7) >>> 3;
    long bits = 0;
    for (int i = 0; i < needed; i++) {
      bits |= (long) (buf[byteIndex + i] & 0xff) << (8 * i);
    }
    return (int) ((bits >>> shift) & ((1L << width) - 1));
  }

  /** True when every bit in [fromBit, toBit) is zero; used to reject non-zero row padding. */
  static boolean zero(byte[] buf, long fromBit, long toBit) {
    for (long p = fromBit; p < toBit; p++) {
      if ((buf[(int) (p >>> 3)] >>> (int) (p & 7) & 1) != 0) {
        return false;
      }
    }
    return true;
  }
}
