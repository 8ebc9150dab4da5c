package dev.tritium.isa;

/**
 * The width of one integer operand of GEMM.IW (weights or activations): its code is its ordinal, so INT8 = 0 and
 * INT4 = 1 in the one-bit encoding fields. Values are two's complement in [-2^(bits-1), 2^(bits-1) - 1].
 */
public enum IntWidth {
  /** Signed 8-bit: one byte per value. */
  INT8(8),
  /** Signed 4-bit: weights two per byte (even k in the low nibble), activations one per byte. */
  INT4(4);

  private final int bits;

  IntWidth(int bits) {
    this.bits = bits;
  }

  public int bits() {
    return bits;
  }

  /** Smallest value: -2^(bits-1). */
  public int min() {
    return -(1 << (bits - 1));
  }

  /** Largest value: 2^(bits-1) - 1. */
  public int max() {
    return (1 << (bits - 1)) - 1;
  }

  /** Bytes of one packed weight row of k values: k (int8) or ceil(k / 2) (int4). */
  public long weightRowBytes(long k) {
    return this == INT8 ? k : (k + 1) / 2;
  }

  /** The width of {@code bits} bits (4 or 8). */
  public static IntWidth ofBits(int bits) {
    return switch (bits) {
      case 8 -> INT8;
      case 4 -> INT4;
      default -> throw new IllegalArgumentException("integer operands are 4 or 8 bits, got " + bits);
    };
  }
}
