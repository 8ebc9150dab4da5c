package dev.tritium.simulator.unit.lut;

import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.simulator.functional.GroupFieldLayout;
import dev.tritium.simulator.functional.PackingLayouts;
import java.util.function.IntUnaryOperator;

/**
 * How LUT.GEMM reads one packed weight row: which table variant its indices address, and the decode
 * of each group into {@link #lookupsPerGroup()} lookup selectors (see {@link #selector}). Decoding
 * validates every group that holds a real weight and counts the row's +1 and -1 weights (padding
 * excluded).
 */
sealed interface LutWeightRows
    permits LutWeightRows.Fields, LutWeightRows.Mirror, LutWeightRows.BitPlanes, LutWeightRows.SignBits {

  int groupSize();

  LutVariant variant();

  int rowBytes(int k);

  /** Table lookups per weight group (2 for a two-plane bit-serial layout, else 1). */
  default int lookupsPerGroup() {
    return 1;
  }

  /**
   * True when the looked-up sum is of offset codes (t = w + 1) and every output must subtract its
   * token's activation sum (T-MAC: {@code W.x = 2 P1.x + P0.x - sum x}).
   */
  default boolean offsetCoded() {
    return false;
  }

  /**
   * Writes ceil(k/g) * lookupsPerGroup() selectors from {@code out[outOff]}; adds the row's +1 count to
   * counts[0] and -1 count to counts[1]; throws naming {@code where} and the group on an invalid index.
   */
  void decodeRow(byte[] bytes, int rowStart, int k, int[] out, int outOff, long[] counts, String where);

  /**
   * One lookup: entry {@code entry} of group {@code group}'s table (tables of {@code entries} entries
   * back to back), doubled and/or negated. Packed as {@code (group * entries + entry) << 2 | doubled << 1
   * | negate} so the accumulate loop needs no per-layout branch.
   */
  static int selector(int group, int entries, int entry, boolean doubled, boolean negate) {
    return (group * entries + entry) << 2 | (doubled ? 2 : 0) | (negate ? 1 : 0);
  }

  /**
   * The reader of packing {@code p} on a LUT core of group size {@code targetGroupSize} and table variant
   * {@code targetVariant}: BIT_PLANES takes the core's g (its bytes do not fix g: the same planes serve any table
   * width), SIGN_BITS the core's g and binary variant (the bits alone do not say full or mirrored table).
   */
  static LutWeightRows of(Packing p, int targetGroupSize, LutVariant targetVariant, String where) {
    return switch (p) {
      case LUT_G2, LUT_G3, LUT_G4 -> new Fields(PackingLayouts.groupFields(p, where));
      case LUT_G3_MIRROR -> new Mirror(MirrorLayout.G3);
      case BIT_PLANES -> new BitPlanes(targetGroupSize);
      case SIGN_BITS -> {
        if (!targetVariant.isBinary() || !targetVariant.supportsGroupSize(targetGroupSize)) {
          throw new IllegalArgumentException(where + ": packing SIGN_BITS needs a LUT core with binary or"
              + " binary_mirror tables of group size 2 or 4; this core builds " + targetVariant.key()
              + " tables of group size " + targetGroupSize);
        }
        yield new SignBits(targetGroupSize, targetVariant == LutVariant.BINARY_MIRROR);
      }
      case TWO_BIT, BASE3 -> throw new IllegalArgumentException(where + ": packing " + p
          + " is a MAC-array layout; LUT.GEMM reads LUT_G2, LUT_G3, LUT_G4, LUT_G3_MIRROR, BIT_PLANES or (binary"
          + " tables) SIGN_BITS");
    };
  }

  /**
   * Counts the real weights of group j and requires its padding weights (past k) to be 0, so that no
   * stored bit can change silently (models/README.md: padding is weight 0).
   */
  private static void countGroup(int k, int j, int g, IntUnaryOperator weight, long[] counts,
      String where) {
    int real = Math.min(g, k - j * g);
    for (int i = 0; i < g; i++) {
      int w = weight.applyAsInt(i);
      if (i >= real && w != 0) {
        throw new IllegalArgumentException(where + ", group " + j + ": padding weight " + i + " is " + w + ", expected 0");
      }
      counts[0] += w == 1 ? 1 : 0;
      counts[1] += w == -1 ? 1 : 0;
    }
  }

  /** Requires bits [fromBit, toBit) after rowStart to be zero (row padding). */
  private static void requireZeroBits(byte[] bytes, int rowStart, long fromBit, long toBit, String where) {
    for (long p = fromBit; p < toBit; p++) {
      if ((bytes[rowStart + (int) (p >>> 3)] >>> (int) (p & 7) & 1) != 0) {
        throw new IllegalArgumentException(where + ": padding bit " + p + " of the row is set, expected zero");
      }
    }
  }

  /** Full 3^g tables addressed by the group's most-significant-first index. */
  record Fields(GroupFieldLayout layout) implements LutWeightRows {

    @Override
    public int groupSize() {
      return layout.groupSize();
    }

    @Override
    public LutVariant variant() {
      return LutVariant.TERNARY_BASE3;
    }

    @Override
    public int rowBytes(int k) {
      return layout.rowBytes(k);
    }

    @Override
    public void decodeRow(byte[] bytes, int rowStart, int k, int[] out, int outOff, long[] counts, String where) {
      int g = layout.groupSize();
      int groups = layout.groupsPerRow(k);
      for (int j = 0; j < groups; j++) {
        int idx = layout.readIndex(bytes, rowStart, j);
        if (idx >= layout.indexCount()) {
          throw new IllegalArgumentException(where + ", group " + j + ": index " + idx + " is not a valid "
              + layout.name() + " index (0.." + (layout.indexCount() - 1) + ")");
        }
        out[outOff + j] = selector(j, layout.indexCount(), idx, false, false);
        countGroup(k, j, g, i -> layout.weight(idx, i), counts, where);
      }
      // models/README.md: whole spare field slots at the row end hold the all-zero group's index;
      // only the bits too few to form a field must be zero.
      long rowBits = rowBytes(k) * 8L;
      int slots = (int) (rowBits / layout.fieldBits());
      int zeroGroup = layout.zeroGroupIndex();
      for (int j = groups; j < slots; j++) {
        int idx = layout.readIndex(bytes, rowStart, j);
        if (idx != zeroGroup) {
          throw new IllegalArgumentException(where + ", spare slot " + j + ": index " + idx
              + ", expected the all-zero group's index " + zeroGroup);
        }
      }
      requireZeroBits(bytes, rowStart, (long) slots * layout.fieldBits(), rowBits, where);
    }
  }

  /** Half tables addressed by |v| with a sign bit (bitnet.cpp TL2). */
  record Mirror(MirrorLayout layout) implements LutWeightRows {

    @Override
    public int groupSize() {
      return layout.groupSize();
    }

    @Override
    public LutVariant variant() {
      return LutVariant.TERNARY_MIRROR;
    }

    @Override
    public int rowBytes(int k) {
      return layout.rowBytes(k);
    }

    @Override
    public void decodeRow(byte[] bytes, int rowStart, int k, int[] out, int outOff, long[] counts, String where) {
      int g = layout.groupSize();
      int groups = layout.groupsPerRow(k);
      int maxMagnitude = layout.halfTableEntries() - 1;
      for (int j = 0; j < groups; j++) {
        int magnitude = layout.readMagnitude(bytes, rowStart, j);
        boolean negative = layout.readNegative(bytes, rowStart, k, j);
        if (magnitude > maxMagnitude) {
          throw new IllegalArgumentException(where + ", group " + j + ": magnitude " + magnitude
              + " is outside the " + layout.halfTableEntries() + "-entry mirror table");
        }
        if (negative && magnitude == 0) {
          // -0 would decode to the same weights; rejecting it keeps every stored bit meaningful.
          throw new IllegalArgumentException(where + ", group " + j + ": sign bit set on magnitude 0");
        }
        out[outOff + j] = selector(j, layout.halfTableEntries(), magnitude, false, negative);
        int v = negative ? -magnitude : magnitude;
        countGroup(k, j, g, i -> layout.weight(v, i), counts, where);
      }
      int magBytes = layout.magnitudeBytes(k);
      requireZeroBits(bytes, rowStart, (long) groups * layout.magnitudeBits(), magBytes * 8L, where);
      requireZeroBits(bytes, rowStart + magBytes, groups, (rowBytes(k) - magBytes) * 8L, where);
    }
  }

  /**
   * T-MAC bit planes (isa/README.md "Weight packings"): per row, plane 0 then plane 1 of the offset code
   * t = w + 1, ceil(k/8) bytes each, column c at bit c%8 of byte c/8. Group j's g bits of a plane index
   * the BIT_SERIAL table of subset sums; plane 1 counts twice. Padding columns hold t = 1 (plane 0 bit 1,
   * plane 1 bit 0); they never reach an index (their activations are 0 anyway), but are validated.
   *
   * @param groupSize the LUT core's g
   */
  record BitPlanes(int groupSize) implements LutWeightRows {

    public BitPlanes {
      if (groupSize < 1 || groupSize > 7) {
        throw new IllegalArgumentException("bit-plane group size must be 1..7, got " + groupSize);
      }
    }

    @Override
    public LutVariant variant() {
      return LutVariant.BIT_SERIAL;
    }

    static int planeBytes(int k) {
      return (k + 7) / 8;
    }

    @Override
    public int rowBytes(int k) {
      return 2 * planeBytes(k);
    }

    @Override
    public int lookupsPerGroup() {
      return 2;
    }

    @Override
    public boolean offsetCoded() {
      return true;
    }

    @Override
    public void decodeRow(byte[] bytes, int rowStart, int k, int[] out, int outOff, long[] counts, String where) {
      int g = groupSize;
      int plane1 = rowStart + planeBytes(k);
      int entries = 1 << g;
      int groups = (k + g - 1) / g;
      for (int j = 0; j < groups; j++) {
        int index0 = 0;
        int index1 = 0;
        for (int i = 0, c = j * g; i < g && c < k; i++, c++) {
          int b0 = bit(bytes, rowStart, c);
          int b1 = bit(bytes, plane1, c);
          if (b0 == 1 && b1 == 1) {
            throw new IllegalArgumentException(where + ", group " + j + ": column " + c
                + " has both plane bits set (code 3), expected code 0..2");
          }
          index0 |= b0 << i;
          index1 |= b1 << i;
          counts[0] += b1; // code 2: w = +1
          counts[1] += 1 - b0 - b1; // code 0: w = -1
        }
        out[outOff + 2 * j] = selector(j, entries, index1, true, false);
        out[outOff + 2 * j + 1] = selector(j, entries, index0, false, false);
      }
      for (int c = k; c < planeBytes(k) * 8; c++) {
        if (bit(bytes, rowStart, c) != 1 || bit(bytes, plane1, c) != 0) {
          throw new IllegalArgumentException(where + ": padding column " + c + " holds code "
              + (bit(bytes, rowStart, c) | bit(bytes, plane1, c) << 1) + ", expected 1 (weight 0)");
        }
      }
    }

    private static int bit(byte[] bytes, int planeStart, int c) {
      return bytes[planeStart + (c >>> 3)] >>> (c & 7) & 1;
    }
  }

  /**
   * Binary weights in SIGN_BITS (isa/README.md "LUT tables"): one bit per weight (1 = +1, 0 = -1), column c at bit
   * c%8 of byte c/8; group j's index is the g bits of columns j*g .. j*g+g-1 (column j*g in bit 0). g divides 8, so
   * the index is one shift and mask of one byte. BINARY reads {@code table[index]}; BINARY_MIRROR reads the half table
   * of the entries whose top bit is set: {@code table[index & half-1]} when bit g-1 is 1, else
   * {@code -table[~index & half-1]}. Padding bits past k must be 0 (weight -1 times activation 0: no contribution).
   *
   * @param groupSize the LUT core's g (2 or 4)
   * @param mirror true for BINARY_MIRROR
   */
  record SignBits(int groupSize, boolean mirror) implements LutWeightRows {

    public SignBits {
      if (groupSize != 2 && groupSize != 4) {
        throw new IllegalArgumentException("binary-table group size must be 2 or 4, got " + groupSize);
      }
    }

    @Override
    public LutVariant variant() {
      return mirror ? LutVariant.BINARY_MIRROR : LutVariant.BINARY;
    }

    @Override
    public int rowBytes(int k) {
      return (k + 7) / 8;
    }

    @Override
    public void decodeRow(byte[] bytes, int rowStart, int k, int[] out, int outOff, long[] counts, String where) {
      int g = groupSize;
      int groups = (k + g - 1) / g;
      int entries = variant().entriesPerTable(g);
      int half = 1 << (g - 1);
      for (int j = 0; j < groups; j++) {
        int c0 = j * g;
        int index = (bytes[rowStart + (c0 >>> 3)] & 0xff) >>> (c0 & 7) & ((1 << g) - 1);
        int real = Math.min(g, k - c0);
        int ones = Integer.bitCount(index & ((1 << real) - 1));
        counts[0] += ones;
        counts[1] += real - ones;
        if (!mirror) {
          out[outOff + j] = selector(j, entries, index, false, false);
        } else if ((index & half) != 0) {
          out[outOff + j] = selector(j, entries, index & (half - 1), false, false);
        } else {
          out[outOff + j] = selector(j, entries, ~index & (half - 1), false, true);
        }
      }
      // models/README.md: SIGN_BITS padding bits are 0.
      requireZeroBits(bytes, rowStart, k, rowBytes(k) * 8L, where);
    }
  }
}
