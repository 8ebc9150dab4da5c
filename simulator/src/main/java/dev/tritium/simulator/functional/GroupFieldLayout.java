package dev.tritium.simulator.functional;

/**
 * The simulator's own reading of the packed ternary weight layouts documented in models/README.md
 * ("weight packings"): each row of W [n][k] is cut into groups of {@code g} consecutive weights; a
 * group's digits are {@code t = w + 1}; its index is those digits read in base 3, the group's first
 * weight being the least or the most significant digit; indices sit in fixed-width fields of
 * {@code fieldBits} bits, least significant bit first along the row; every row starts on a byte
 * boundary. Positions past k in the last group (or past the last group in the last byte) are padding
 * that the datapath ignores.
 *
 * <p>Deliberately independent of {@code dev.tritium.models.packing}: the cross-check compares two
 * implementations of the same documented layout.
 *
 * @param name the layout's name, as the models module calls it (e.g. {@code 2bit})
 * @param groupSize g, weights per field
 * @param fieldBits bits per field
 * @param firstMostSignificant true when the group's first weight is the most significant base-3 digit
 * @param binary true for a binary layout: the digits are bits, 1 for +1 and 0 for -1 (no zero weight); its
 *     padding positions hold bit 0
 */
public record GroupFieldLayout(String name, int groupSize, int fieldBits, boolean firstMostSignificant,
    boolean binary) {

  /** A ternary (base-3) layout. */
  public GroupFieldLayout(String name, int groupSize, int fieldBits, boolean firstMostSignificant) {
    this(name, groupSize, fieldBits, firstMostSignificant, false);
  }

  /** I2_S-style codes 0/1/2 for -1/0/+1, four per byte, column k at bits 2(k%4)..2(k%4)+1. */
  public static final GroupFieldLayout TWO_BIT = new GroupFieldLayout("2bit", 1, 2, false);
  /** Five weights per byte, byte = sum t_i 3^i (first weight least significant). */
  public static final GroupFieldLayout BASE3 = new GroupFieldLayout("base3", 5, 8, false);
  /** LUT g = 2: 4-bit fields, index = 3 t0 + t1. */
  public static final GroupFieldLayout LUT_G2 = new GroupFieldLayout("lut-g2", 2, 4, true);
  /** LUT g = 3: 5-bit fields, index = 9 t0 + 3 t1 + t2. */
  public static final GroupFieldLayout LUT_G3 = new GroupFieldLayout("lut-g3", 3, 5, true);
  /** LUT g = 4: 7-bit fields, index = 27 t0 + 9 t1 + 3 t2 + t3. */
  public static final GroupFieldLayout LUT_G4 = new GroupFieldLayout("lut-g4", 4, 7, true);
  /** Binary weights, one bit each (1 = +1, 0 = -1), eight per byte, column k at bit k%8. */
  public static final GroupFieldLayout SIGN_BITS = new GroupFieldLayout("sign-bits", 1, 1, false, true);

  public GroupFieldLayout {
    if (groupSize < 1 || groupSize > 8) {
      throw new IllegalArgumentException(name + ": group size must be 1..8, got " + groupSize);
    }
    if (fieldBits < 1 || fieldBits > 16 || (binary ? 1 << groupSize : pow3(groupSize)) > (1 << fieldBits)) {
      throw new IllegalArgumentException(name + ": " + fieldBits + "-bit fields cannot hold " + (binary ? "2^" : "3^")
          + groupSize + " indices");
    }
  }

  /**
   * The code a field wholly past k holds: the all-zero group for a ternary layout, 0 for a binary one (which
   * has no zero weight; models/README.md).
   */
  public int paddingIndex() {
    return binary ? 0 : zeroGroupIndex();
  }

  /** The index (code) of a group whose g weights are all 0: every base-3 digit is 1 (models/README.md). */
  public int zeroGroupIndex() {
    if (binary) {
      throw new IllegalStateException(name + " is binary: no group of its weights is 0");
    }
    int idx = 0;
    for (int i = 0; i < groupSize; i++) {
      idx = idx * 3 + 1;
    }
    return idx;
  }

  /** 3^g (2^g for a binary layout): the number of valid indices (and of full-table entries). */
  public int indexCount() {
    return binary ? 1 << groupSize : pow3(groupSize);
  }

  /** Groups per row: ceil(k / g). */
  public int groupsPerRow(int k) {
    return (k + groupSize - 1) / groupSize;
  }

  /** Bytes per packed row: ceil(groupsPerRow * fieldBits / 8). */
  public int rowBytes(int k) {
    return (int) (((long) groupsPerRow(k) * fieldBits + 7) / 8);
  }

  /** True when whole fields tile a byte, so a byte table can decode it (2-bit, base-3, g = 2). */
  public boolean byteAligned() {
    return 8 % fieldBits == 0;
  }

  /** The base-3 position (0 = least significant) of weight {@code i} of a group. */
  public int digitPosition(int i) {
    return firstMostSignificant ? groupSize - 1 - i : i;
  }

  /** Weight {@code i} (0..g-1) of a group with a valid index. */
  public int weight(int index, int i) {
    if (binary) {
      return ((index >>> digitPosition(i)) & 1) == 1 ? 1 : -1;
    }
    int rest = index;
    for (int p = digitPosition(i); p > 0; p--) {
      rest /= 3;
    }
    return rest % 3 - 1;
  }

  /** Reads the field of group {@code group} of the row starting at byte {@code rowStart}. */
  public int readIndex(byte[] bytes, int rowStart, int group) {
    long bit = (long) group * fieldBits;
    int at = rowStart + (int) (bit >>> 3);
    int shift = (int) (bit & 7);
    int needed = (shift + fieldBits + 7) >>> 3;
    int bits = 0;
    for (int i = 0; i < needed; i++) {
      bits |= (bytes[at + i] & 0xff) << (8 * i);
    }
    return (bits >>> shift) & ((1 << fieldBits) - 1);
  }

  public static int pow3(int g) {
    int n = 1;
    for (int i = 0; i < g; i++) {
      n *= 3;
    }
    return n;
  }
}
