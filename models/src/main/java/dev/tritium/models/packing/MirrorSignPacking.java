package dev.tritium.models.packing;

import dev.tritium.common.IntMath;

/**
 * The mirror/sign LUT layout of bitnet.cpp TL2 for groups of g weights (g = 3 gives 14 table entries):
 * each group's most-significant-first index is split into a magnitude |v| and a sign bit (v &lt; 0),
 * see {@link TernaryGroups}. For g = 3, v = 9*w0 + 3*w1 + w2, exactly TL2's weight transform.
 *
 * <p>Row layout: first the magnitude section, G = ceil(cols/g) fields of {@code magnitudeBits} bits,
 * least significant bit first (for g = 3: 4-bit nibbles, group 2j in the low nibble of byte j), padded
 * to a whole byte; then the sign section, G bits, bit j%8 of byte j/8 is group j's sign, padded to a
 * whole byte. Unused bits are zero.
 *
 * @param name stable name
 * @param groupSize g
 */
public record MirrorSignPacking(String name, int groupSize) implements WeightPacking {

  public MirrorSignPacking {
    TernaryGroups.checkGroupSize(groupSize);
  }

  /** Bits of one magnitude field: ceil(log2((3^g + 1) / 2)), 4 for g = 3. */
  public int magnitudeBits() {
    return TernaryGroups.bitsFor(TernaryGroups.mirrorTableSize(groupSize));
  }

  @Override
  public double bitsPerWeight() {
    return (magnitudeBits() + 1.0) / groupSize;
  }

  /** Groups per row: ceil(cols / g). */
  public int groupsPerRow(int cols) {
    return IntMath.ceilDiv(cols, groupSize);
  }

  /** Bytes of a row's magnitude section. */
  public long magnitudeBytes(int cols) {
    return IntMath.ceilDiv((long) groupsPerRow(cols) * magnitudeBits(), 8);
  }

  /** Bytes of a row's sign section. */
  public long signBytes(int cols) {
    return IntMath.ceilDiv(groupsPerRow(cols), 8);
  }

  /** Bytes per row, both sections. */
  public long rowBytes(int cols) {
    return magnitudeBytes(cols) + signBytes(cols);
  }

  @Override
  public long packedBytes(int rows, int cols) {
    PackingChecks.shape(name, rows, cols);
    return rows * rowBytes(cols);
  }

  /** The stored magnitude (table entry) of group {@code group} of row {@code row}. */
  public int readMagnitude(byte[] packed, int cols, int row, int group) {
    return BitFields.read(packed, row * rowBytes(cols) * 8 + (long) group * magnitudeBits(), magnitudeBits());
  }

  /** The stored sign bit of group {@code group} of row {@code row}: true means negate the table entry. */
  public boolean readNegative(byte[] packed, int cols, int row, int group) {
    long signStart = (row * rowBytes(cols) + magnitudeBytes(cols)) * 8;
    return BitFields.read(packed, signStart + group, 1) == 1;
  }

  @Override
  public byte[] encode(byte[] values, int rows, int cols) {
    PackingChecks.values(name, values, rows, cols);
    byte[] out = new byte[PackingChecks.byteCount(name, packedBytes(rows, cols))];
    int groups = groupsPerRow(cols);
    int magBits = magnitudeBits();
    for (int r = 0; r < rows; r++) {
      long rowStart = r * rowBytes(cols) * 8;
      long signStart = rowStart + magnitudeBytes(cols) * 8;
      for (int j = 0; j < groups; j++) {
        int first = j * groupSize;
        int count = Math.min(groupSize, cols - first);
        int index = TernaryGroups.index(values, r * cols + first, count, groupSize, DigitOrder.FIRST_MOST_SIGNIFICANT);
        BitFields.write(out, rowStart + (long) j * magBits, magBits, TernaryGroups.mirrorMagnitude(index, groupSize));
        BitFields.write(out, signStart + j, 1, TernaryGroups.mirrorNegative(index, groupSize) ? 1 : 0);
      }
    }
    return out;
  }

  @Override
  public byte[] decode(byte[] packed, int rows, int cols) {
    PackingChecks.packedLength(name, packed, packedBytes(rows, cols), rows, cols);
    byte[] values = new byte[rows * cols];
    byte[] group = new byte[groupSize];
    int groups = groupsPerRow(cols);
    int magBits = magnitudeBits();
    int half = TernaryGroups.mirrorTableSize(groupSize) - 1;
    for (int r = 0; r < rows; r++) {
      long rowStart = r * rowBytes(cols) * 8;
      long signStart = rowStart + magnitudeBytes(cols) * 8;
      for (int j = 0; j < groups; j++) {
        int magnitude = BitFields.read(packed, rowStart + (long) j * magBits, magBits);
        boolean negative = BitFields.read(packed, signStart + j, 1) == 1;
        if (magnitude > half) {
          throw PackingChecks.corrupt(name, r, "group " + j + " has magnitude " + magnitude + ", expected 0.." + half);
        }
        if (negative && magnitude == 0) {
          throw PackingChecks.corrupt(name, r, "group " + j + " has the sign bit set on magnitude 0");
        }
        int index = TernaryGroups.fromMirror(negative, magnitude, groupSize);
        TernaryGroups.weights(index, groupSize, DigitOrder.FIRST_MOST_SIGNIFICANT, group, 0);
        int first = j * groupSize;
        int count = Math.min(groupSize, cols - first);
        System.arraycopy(group, 0, values, r * cols + first, count);
        for (int i = count; i < groupSize; i++) {
          if (group[i] != 0) {
            throw PackingChecks.corrupt(name, r, "padding weight " + i + " of group " + j + " is " + group[i] + ", expected 0");
          }
        }
      }
      if (!BitFields.zero(packed, rowStart + (long) groups * magBits, signStart)
          || !BitFields.zero(packed, signStart + groups, rowStart + rowBytes(cols) * 8)) {
        throw PackingChecks.corrupt(name, r, "padding bits are not zero");
      }
    }
    return values;
  }
}
