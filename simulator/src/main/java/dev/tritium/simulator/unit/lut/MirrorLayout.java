package dev.tritium.simulator.unit.lut;

import dev.tritium.simulator.functional.GroupFieldLayout;

/**
 * The bitnet.cpp TL2 mirror layout (models/README.md): a group's most-significant-first index i has
 * the balanced value {@code v = i - (3^g - 1)/2 = sum w_j 3^(g-1-j)}; the row stores |v| in
 * {@code magnitudeBits}-bit fields (least significant bit first), padded to a byte, then one sign bit
 * per group ({@code v < 0}), padded to a byte. A half table of (3^g + 1)/2 entries serves both signs.
 *
 * @param groupSize g (3 in TL2)
 */
public record MirrorLayout(int groupSize) {

  public static final MirrorLayout G3 = new MirrorLayout(3);

  public MirrorLayout {
    if (groupSize < 1 || groupSize > 8) {
      throw new IllegalArgumentException("mirror layout group size must be 1..8, got " + groupSize);
    }
  }

  /** Entries of the half table: (3^g + 1)/2, 14 for g = 3. */
  public int halfTableEntries() {
    return (GroupFieldLayout.pow3(groupSize) + 1) / 2;
  }

  /** ceil(log2(halfTableEntries)), 4 for g = 3. */
  public int magnitudeBits() {
    return 32 - Integer.numberOfLeadingZeros(halfTableEntries() - 1);
  }

  public int groupsPerRow(int k) {
    return (k + groupSize - 1) / groupSize;
  }

  public int magnitudeBytes(int k) {
    return (int) (((long) groupsPerRow(k) * magnitudeBits() + 7) / 8);
  }

  public int rowBytes(int k) {
    return magnitudeBytes(k) + (groupsPerRow(k) + 7) / 8;
  }

  /** Weight {@code i} of the group with balanced value v (most significant first). */
  public int weight(int balancedValue, int i) {
    int index = balancedValue + (GroupFieldLayout.pow3(groupSize) - 1) / 2;
    int rest = index;
    for (int p = groupSize - 1 - i; p > 0; p--) {
      rest /= 3;
    }
    return rest % 3 - 1;
  }

  public int readMagnitude(byte[] bytes, int rowStart, int group) {
    int bits = magnitudeBits();
    long bit = (long) group * bits;
    int at = rowStart + (int) (bit >>> 3);
    int shift = (int) (bit & 7);
    int needed = (shift + bits + 7) >>> 3;
    int word = 0;
    for (int i = 0; i < needed; i++) {
      word |= (bytes[at + i] & 0xff) << (8 * i);
    }
    return (word >>> shift) & ((1 << bits) - 1);
  }

  public boolean readNegative(byte[] bytes, int rowStart, int k, int group) {
    int at = rowStart + magnitudeBytes(k) + (group >>> 3);
    return (bytes[at] >>> (group & 7) & 1) != 0;
  }
}
