package dev.tritium.models.io;

/**
 * The packed-uint8 ternary layout of Hugging Face transformers' BitNet integration
 * ({@code integrations/bitnet.py}, {@code pack_weights} / {@code unpack_weights}), as shipped by
 * microsoft/bitnet-b1.58-2B-4T: a weight W [N][K] is stored as uint8 [N/4][K], packed along dim 0.
 * Byte (r, k) holds four 2-bit codes w + 1: bits 2i+1..2i (i = 0..3, least significant first) are the
 * code of W[i * N/4 + r][k]. Code 3 never occurs and is rejected. The companion {@code weight_scale}
 * is s_w itself (transformers' BitLinear divides by it: {@code y / (s_x * weight_scale)}; llama.cpp's
 * converter computes {@code W = (code - 1) / weight_scale}).
 */
public final class HfBitNetPacking {

  /** Weights per byte. */
  public static final int VALUES_PER_ITEM = 4;

  private HfBitNetPacking() {}

  /** Unpacks [packedRows][cols] bytes to ternary values [4 * packedRows][cols]; {@code what} names the tensor. */
  public static byte[] unpack(byte[] packed, int packedRows, int cols, String what) {
    if ((long) packedRows * cols != packed.length) {
      throw new IllegalArgumentException(what + ": packed shape [" + packedRows + ", " + cols + "] needs "
          + (long) packedRows * cols + " bytes, got " + packed.length);
    }
    int rows = packedRows * VALUES_PER_ITEM;
    byte[] values = new byte[Math.multiplyExact(rows, cols)];
    for (int r = 0; r < packedRows; r++) {
      for (int k = 0; k < cols; k++) {
        int b = packed[r * cols + k] & 0xff;
        for (int i = 0; i < VALUES_PER_ITEM; i++) {
          int code = (b >>> (2 * i)) & 3;
          if (code == 3) {
            throw new IllegalArgumentException(what + ": packed byte [" + r + ", " + k + "] holds code 3 in bits "
                + (2 * i + 1) + ".." + (2 * i) + " (weight row " + (i * packedRows + r) + "), expected 0, 1 or 2");
          }
          values[(i * packedRows + r) * cols + k] = (byte) (code - 1);
        }
      }
    }
    return values;
  }

  /** Packs ternary values [rows][cols] (rows a multiple of 4) to [rows/4][cols] bytes, as pack_weights does. */
  public static byte[] pack(byte[] values, int rows, int cols) {
    if (rows % VALUES_PER_ITEM != 0) {
      throw new IllegalArgumentException("the Hugging Face packed layout needs rows divisible by 4, got " + rows);
    }
    int packedRows = rows / VALUES_PER_ITEM;
    byte[] out = new byte[packedRows * cols];
    for (int row = 0; row < rows; row++) {
      int i = row / packedRows;
      int r = row % packedRows;
      for (int k = 0; k < cols; k++) {
        int v = values[row * cols + k];
        if (v < -1 || v > 1) {
          throw new IllegalArgumentException("weight [" + row + ", " + k + "] is " + v + ", expected -1, 0 or 1");
        }
        out[r * cols + k] |= (byte) ((v + 1) << (2 * i));
      }
    }
    return out;
  }
}
