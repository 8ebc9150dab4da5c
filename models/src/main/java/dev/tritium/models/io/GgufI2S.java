package dev.tritium.models.io;

import dev.tritium.models.quant.Quantizers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * bitnet.cpp's I2_S tensor type (GGML type id 36 in microsoft/BitNet's llama.cpp fork), as its x86
 * quantizer {@code quantize_i2_s} writes it and {@code dequantize_row_i2_s} reads it:
 *
 * <ul>
 *   <li>the tensor's n elements (row-major, n a multiple of 128) form blocks of 128 consecutive
 *       elements, 32 bytes each; element j of a block is in byte {@code j % 32} at bits
 *       {@code 7-2*(j/32) .. 6-2*(j/32)} (elements 0..31 in the top two bits, 96..127 in the bottom two);
 *   <li>codes 0, 1, 2 mean -1, 0, +1 (3 is never written and is rejected);
 *   <li>after the n/4 packed bytes, one little-endian float32 {@code i2_scale} = max|W| of the
 *       dequantized weights, then 28 bytes of padding: {@code n/4 + 32} bytes in all.
 * </ul>
 *
 * <p>A weight is {@code code_value * i2_scale}, so our s_w is {@code 1 / i2_scale} (rounded to fp32; an
 * all-zero tensor has i2_scale 0 and gets s_w = 1/1e-5, the quantizer's clamp).
 */
public final class GgufI2S {

  /** Elements per block. */
  public static final int BLOCK = 128;
  /** Trailing bytes: the float scale plus padding to 32. */
  public static final int TRAILER_BYTES = 32;

  private GgufI2S() {}

  /** Stored bytes for n elements: n/4 + 32. */
  public static long storedBytes(long n) {
    return n / 4 + TRAILER_BYTES;
  }

  /** Ternary values of n elements; {@code what} names the tensor in errors. */
  public static byte[] decodeValues(byte[] data, int n, String what) {
    checkLength(data, n, what);
    byte[] values = new byte[n];
    for (int e = 0; e < n; e++) {
      int j = e % BLOCK;
      int b = data[(e / BLOCK) * 32 + j % 32] & 0xff;
      int code = (b >>> (6 - 2 * (j / 32))) & 3;
      if (code == 3) {
        throw new IllegalArgumentException(what + ": I2_S element " + e + " has code 3, expected 0, 1 or 2");
      }
      values[e] = (byte) (code - 1);
    }
    return values;
  }

  /** The stored i2_scale (max|W|). */
  public static float scale(byte[] data, int n, String what) {
    checkLength(data, n, what);
    float s = ByteBuffer.wrap(data, n / 4, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
    if (!(s >= 0) || Float.isInfinite(s)) {
      throw new IllegalArgumentException(what + ": I2_S scale is " + s + ", expected a finite non-negative float");
    }
    return s;
  }

  /** Our s_w for a stored i2_scale: 1 / i2_scale, or 1/1e-5 for an all-zero tensor. */
  public static float weightScale(float i2Scale) {
    return i2Scale == 0f ? 1.0f / Quantizers.EPS : 1.0f / i2Scale;
  }

  /** Encodes ternary values and a scale as I2_S bytes (n/4 packed bytes, the float, 28 zero bytes). */
  public static byte[] encode(byte[] values, float i2Scale) {
    int n = values.length;
    if (n % BLOCK != 0) {
      throw new IllegalArgumentException("I2_S needs a multiple of " + BLOCK + " elements, got " + n);
    }
    byte[] out = new byte[(int) storedBytes(n)];
    for (int e = 0; e < n; e++) {
      int j = e % BLOCK;
      out[(e / BLOCK) * 32 + j % 32] |= (byte) ((values[e] + 1) << (6 - 2 * (j / 32)));
    }
    ByteBuffer.wrap(out, n / 4, 4).order(ByteOrder.LITTLE_ENDIAN).putFloat(i2Scale);
    return out;
  }

  private static void checkLength(byte[] data, int n, String what) {
    if (n % BLOCK != 0) {
      throw new IllegalArgumentException(what + ": I2_S holds whole blocks of " + BLOCK + " elements, got " + n);
    }
    if (data.length != storedBytes(n)) {
      throw new IllegalArgumentException(what + ": I2_S data for " + n + " elements is " + storedBytes(n)
          + " bytes, got " + data.length);
    }
  }
}
