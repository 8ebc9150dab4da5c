package dev.tritium.models.packing;

import dev.tritium.common.IntMath;

/**
 * Groups of g consecutive weights of a row, each stored as one base-3 index (see {@link TernaryGroups})
 * in a fixed-width field of {@code fieldBits} bits. Fields follow each other least significant bit
 * first within the row (field j occupies row bits [j*fieldBits, (j+1)*fieldBits)); each row starts on
 * a byte boundary. Every whole field slot of the row's bytes holds a group: slots past the row end hold
 * the all-zero group (so a kernel may process every slot), and the last fieldBits-or-fewer spare bits
 * are zero.
 *
 * <p>The 2-bit codes (g = 1, code = w + 1), base-3 (g = 5 in 8 bits, 1.6 bits/weight) and the LUT
 * layouts (g = 2, 3, 4) are all this one layout with different parameters.
 *
 * @param name stable name
 * @param groupSize g, weights per field
 * @param fieldBits bits per field, at least ceil(log2(3^g))
 * @param order digit order of the index
 */
public record TernaryGroupPacking(String name, int groupSize, int fieldBits, DigitOrder order)
    implements WeightPacking {

  public TernaryGroupPacking {
    TernaryGroups.checkGroupSize(groupSize);
    int minBits = TernaryGroups.bitsFor(TernaryGroups.tableSize(groupSize));
    if (fieldBits < minBits || fieldBits > 16) {
      throw new IllegalArgumentException(name + ": g = " + groupSize + " needs " + minBits + "..16 bits per field, got "
          + fieldBits);
    }
  }

  @Override
  public double bitsPerWeight() {
    return (double) fieldBits / groupSize;
  }

  /** Groups per row: ceil(cols / g). */
  public int groupsPerRow(int cols) {
    return IntMath.ceilDiv(cols, groupSize);
  }

  /** Field slots per row: floor(rowBytes * 8 / fieldBits), at least groupsPerRow. */
  public int slotsPerRow(int cols) {
    return (int) (rowBytes(cols) * 8 / fieldBits);
  }

  /** Bytes per row: ceil(groupsPerRow * fieldBits / 8). */
  public long rowBytes(int cols) {
    return IntMath.ceilDiv((long) groupsPerRow(cols) * fieldBits, 8);
  }

  @Override
  public long packedBytes(int rows, int cols) {
    PackingChecks.shape(name, rows, cols);
    return rows * rowBytes(cols);
  }

  /** The stored index of group {@code group} of row {@code row} (no range check: see {@link #decode}). */
  public int readIndex(byte[] packed, int cols, int row, int group) {
    return BitFields.read(packed, row * rowBytes(cols) * 8 + (long) group * fieldBits, fieldBits);
  }

  @Override
  public byte[] encode(byte[] values, int rows, int cols) {
    PackingChecks.values(name, values, rows, cols);
    byte[] out = new byte[PackingChecks.byteCount(name, packedBytes(rows, cols))];
    int slots = slotsPerRow(cols);
    long rowBits = rowBytes(cols) * 8;
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < slots; j++) {
        int first = j * groupSize;
        int count = Math.max(0, Math.min(groupSize, cols - first));
        int index = TernaryGroups.index(values, r * cols + first, count, groupSize, order);
        BitFields.write(out, r * rowBits + (long) j * fieldBits, fieldBits, index);
      }
    }
    return out;
  }

  @Override
  public byte[] decode(byte[] packed, int rows, int cols) {
    PackingChecks.packedLength(name, packed, packedBytes(rows, cols), rows, cols);
    byte[] values = new byte[rows * cols];
    byte[] group = new byte[groupSize];
    int slots = slotsPerRow(cols);
    int table = TernaryGroups.tableSize(groupSize);
    long rowBits = rowBytes(cols) * 8;
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < slots; j++) {
        int index = BitFields.read(packed, r * rowBits + (long) j * fieldBits, fieldBits);
        if (index >= table) {
          throw PackingChecks.corrupt(name, r, "group " + j + " has index " + index + ", expected 0.." + (table - 1));
        }
        TernaryGroups.weights(index, groupSize, order, group, 0);
        int first = j * groupSize;
        int count = Math.max(0, Math.min(groupSize, cols - first));
        System.arraycopy(group, 0, values, r * cols + Math.min(first, cols), count);
        for (int i = count; i < groupSize; i++) {
          if (group[i] != 0) {
            throw PackingChecks.corrupt(name, r, "padding weight " + i + " of group " + j + " is " + group[i] + ", expected 0");
          }
        }
      }
      if (!BitFields.zero(packed, r * rowBits + (long) slots * fieldBits, (r + 1) * rowBits)) {
        throw PackingChecks.corrupt(name, r, "padding bits at the row end are not zero");
      }
    }
    return values;
  }
}
