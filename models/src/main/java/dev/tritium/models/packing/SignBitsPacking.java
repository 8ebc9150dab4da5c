package dev.tritium.models.packing;

import dev.tritium.common.IntMath;

/**
 * One bit per weight for binary {-1, +1} matrices (bitnet-w1): bit 1 is +1, bit 0 is -1; column k of a row
 * is bit k%8 of the row's byte k/8 (least significant first); each row starts on a byte boundary and its
 * padding bits are 0. A weight 0 cannot be stored: {@link #encode} refuses it, naming the position, so a
 * ternary matrix is never silently binarised.
 *
 * @param name stable name
 */
public record SignBitsPacking(String name) implements WeightPacking {

  @Override
  public double bitsPerWeight() {
    return 1;
  }

  @Override
  public boolean binaryOnly() {
    return true;
  }

  /** Bytes of one packed row: ceil(cols / 8). */
  public long rowBytes(int cols) {
    return IntMath.ceilDiv(cols, 8);
  }

  @Override
  public long packedBytes(int rows, int cols) {
    PackingChecks.shape(name, rows, cols);
    return rows * rowBytes(cols);
  }

  @Override
  public byte[] encode(byte[] values, int rows, int cols) {
    PackingChecks.values(name, values, rows, cols);
    byte[] out = new byte[PackingChecks.byteCount(name, packedBytes(rows, cols))];
    long rowBits = rowBytes(cols) * 8;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        byte v = values[r * cols + c];
        if (v == 0) {
          throw new IllegalArgumentException(name + ": weight at row " + r + ", col " + c
              + " is 0, expected -1 or 1 (a binary packing has no zero)");
        }
        BitFields.write(out, r * rowBits + c, 1, v > 0 ? 1 : 0);
      }
    }
    return out;
  }

  @Override
  public byte[] decode(byte[] packed, int rows, int cols) {
    PackingChecks.packedLength(name, packed, packedBytes(rows, cols), rows, cols);
    byte[] values = new byte[rows * cols];
    long rowBits = rowBytes(cols) * 8;
    for (int r = 0; r < rows; r++) {
      long base = r * rowBits;
      for (int c = 0; c < cols; c++) {
        values[r * cols + c] = (byte) (BitFields.read(packed, base + c, 1) == 1 ? 1 : -1);
      }
      if (!BitFields.zero(packed, base + cols, base + rowBits)) {
        throw PackingChecks.corrupt(name, r, "padding bits past col " + (cols - 1) + " are not 0");
      }
    }
    return values;
  }
}
