package dev.tritium.models.packing;

import dev.tritium.common.IntMath;

/**
 * T-MAC style bit-serial planes with T-MAC's offset encoding: code = w + 1 in {0, 1, 2}; plane p holds
 * bit p of every code, so {@code w = 2*plane1 + plane0 - 1} and
 * {@code W.x = 2*(P1.x) + (P0.x) - sum(x)}: both planes index the same table of activation subset sums.
 *
 * <p>Layout is row-major, so a tile of weight rows is a strided block like every other packing: row r
 * is its plane 0 (ceil(cols/8) bytes), then its plane 1 (ceil(cols/8) bytes). Within a plane, column k
 * is bit k%8 of byte k/8 (least significant first), so nibble i of a plane is the T-MAC g = 4 table
 * index of columns 4i..4i+3. Padding columns hold weight 0 (code 1: plane 0 bit 1, plane 1 bit 0).
 *
 * @param name stable name
 */
public record BitPlanePacking(String name) implements WeightPacking {

  /** Two planes: bit 0 and bit 1 of the offset code. */
  public static final int PLANES = 2;

  @Override
  public double bitsPerWeight() {
    return PLANES;
  }

  /** Bytes of one row of one plane: ceil(cols / 8). */
  public long planeRowBytes(int cols) {
    return IntMath.ceilDiv(cols, 8);
  }

  /** Bytes of one packed row (both planes): 2 * ceil(cols / 8). */
  public long rowBytes(int cols) {
    return PLANES * planeRowBytes(cols);
  }

  @Override
  public long packedBytes(int rows, int cols) {
    PackingChecks.shape(name, rows, cols);
    return rows * rowBytes(cols);
  }

  /** Byte offset of (row, plane) in the packed array: row r's plane 0, then its plane 1. */
  public long planeRowOffset(int cols, int plane, int row) {
    return (long) row * rowBytes(cols) + (long) plane * planeRowBytes(cols);
  }

  /**
   * The {@code count} (1..16) plane bits of columns [firstCol, firstCol+count) as an integer, column
   * firstCol in bit 0: the T-MAC table index for a group of {@code count} columns.
   */
  public int readPlaneBits(byte[] packed, int cols, int plane, int row, int firstCol, int count) {
    return BitFields.read(packed, planeRowOffset(cols, plane, row) * 8 + firstCol, count);
  }

  @Override
  public byte[] encode(byte[] values, int rows, int cols) {
    PackingChecks.values(name, values, rows, cols);
    byte[] out = new byte[PackingChecks.byteCount(name, packedBytes(rows, cols))];
    long planeRowBits = planeRowBytes(cols) * 8;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < (int) planeRowBits; c++) {
        int code = c < cols ? values[r * cols + c] + 1 : 1;
        for (int p = 0; p < PLANES; p++) {
          BitFields.write(out, planeRowOffset(cols, p, r) * 8 + c, 1, code >>> p & 1);
        }
      }
    }
    return out;
  }

  @Override
  public byte[] decode(byte[] packed, int rows, int cols) {
    PackingChecks.packedLength(name, packed, packedBytes(rows, cols), rows, cols);
    byte[] values = new byte[rows * cols];
    long planeRowBits = planeRowBytes(cols) * 8;
    for (int r = 0; r < rows; r++) {
      long base0 = planeRowOffset(cols, 0, r) * 8;
      long base1 = planeRowOffset(cols, 1, r) * 8;
      for (int c = 0; c < (int) planeRowBits; c++) {
        int code = BitFields.read(packed, base0 + c, 1) | BitFields.read(packed, base1 + c, 1) << 1;
        if (code == 3) {
          throw PackingChecks.corrupt(name, r, "column " + c + " has both plane bits set (code 3), expected code 0..2");
        }
        if (c < cols) {
          values[r * cols + c] = (byte) (code - 1);
        } else if (code != 1) {
          throw PackingChecks.corrupt(name, r, "padding column " + c + " holds weight " + (code - 1) + ", expected 0");
        }
      }
    }
    return values;
  }
}
