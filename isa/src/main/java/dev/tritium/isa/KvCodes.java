package dev.tritium.isa;

/**
 * The grid and record layout of VEC.KV_QUANT and VEC.KV_DEQUANT (isa/README.md, "Quantized KV rows"): b-bit
 * asymmetric codes per group of G consecutive values of a row, one record per row. The validator, the simulator and
 * the mapper all read the op's {@code imm} and a record's byte layout through this one class, so they cannot
 * disagree on them; the arithmetic itself is written out in the simulator's functional model.
 *
 * <p>Record of a row of {@code len} values: the codes, {@code ceil(len b / 8)} bytes, code j in bits
 * {@code j b .. j b + b - 1} of the record counted little-endian from bit 0 of byte 0 (a code may straddle two
 * bytes; the pad bits of the last code byte are 0); then per group q ascending: its step as IEEE binary16
 * (little-endian, 2 bytes) and its zero point (one unsigned byte, 0 .. 2^b - 1).
 *
 * @param bits code width b, 2 to 8
 * @param group values per group G, 1 to {@link #MAX_GROUP} (the last group of a row may be shorter)
 */
public record KvCodes(int bits, int group) {

  /** The largest group imm holds (12 bits). */
  public static final int MAX_GROUP = (1 << 12) - 1;

  /** Bits of imm that hold the group. */
  private static final int GROUP_BITS = 12;

  public KvCodes {
    if (bits < 2 || bits > 8) {
      throw new IllegalArgumentException("KV codes: bits must be 2 to 8, got " + bits);
    }
    if (group < 1 || group > MAX_GROUP) {
      throw new IllegalArgumentException("KV codes: group must be 1 to " + MAX_GROUP + ", got " + group);
    }
  }

  /**
   * The codes an op's imm names: bits 0..11 the group G, bits 12..14 b - 1.
   *
   * @throws IllegalArgumentException naming imm when G is 0 or b is below 2
   */
  public static KvCodes ofImm(int imm) {
    int group = imm & MAX_GROUP;
    int bits = (imm >>> GROUP_BITS) + 1;
    if (group == 0 || bits < 2 || imm < 0) {
      throw new IllegalArgumentException("imm " + imm + " names group " + group + " and " + bits
          + " bits; expected imm = G | (b - 1) << 12 with G in 1.." + MAX_GROUP + " and b in 2..8");
    }
    return new KvCodes(bits, group);
  }

  /** This grid as the ops' imm: {@code G | (b - 1) << 12}. */
  public int imm() {
    return group | (bits - 1) << GROUP_BITS;
  }

  /** Groups of a row of {@code len} values. */
  public int groups(int len) {
    return (len + group - 1) / group;
  }

  /** Bytes of a row's packed codes. */
  public int codeBytes(int len) {
    return (int) (((long) len * bits + 7) / 8);
  }

  /** Bytes of one row's record: the codes, then 2 (step) + 1 (zero point) per group. */
  public int recordBytes(int len) {
    return codeBytes(len) + 3 * groups(len);
  }

  /** Largest code: 2^b - 1. */
  public int maxCode() {
    return (1 << bits) - 1;
  }
}
