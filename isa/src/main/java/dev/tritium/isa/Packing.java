package dev.tritium.isa;

/**
 * Weight packings an instruction can name. The ISA needs only each packing's byte extent per weight
 * row and where a row can be cut at a byte boundary; the bit layouts inside the bytes belong to
 * models/README.md ({@code dev.tritium.models.packing}) and the two must agree.
 *
 * <p>{@link #splitWeights()} is the granularity at which a row's first k weights occupy exactly its
 * first {@code packedRowBytes(k)} bytes (so a K tile starting at k0 starts at byte
 * {@code packedRowBytes(k0)}); 0 means a row cannot be cut (planar layouts).
 */
public enum Packing {
  /** I2_S-style 2-bit codes, -1/0/+1 as 0/1/2, four weights per byte. */
  TWO_BIT(4, 0),
  /** Base-3: five trits per byte (1.6 bits per weight). */
  BASE3(5, 0),
  /** LUT groups of 2 (9-entry index, 4 bits), two indices per byte. */
  LUT_G2(4, 2),
  /** LUT groups of 3 (27-entry index, 5 bits), one index per byte. */
  LUT_G3(3, 3),
  /** LUT groups of 4 (81-entry index, 7 bits), one index per byte. */
  LUT_G4(4, 4),
  /**
   * LUT groups of 3 with the mirrored 14-entry table (TL2): per row, ceil(G/2) bytes of 4-bit
   * magnitude indices then ceil(G/8) bytes of sign bits, G = ceil(k/3) groups.
   */
  LUT_G3_MIRROR(0, 3),
  /** T-MAC bit planes: a +1 plane then a -1 plane, one bit per weight each, ceil(k/8) bytes per plane. */
  BIT_PLANES(0, 0);

  private final int splitWeights;
  private final int lutGroupSize;

  Packing(int splitWeights, int lutGroupSize) {
    this.splitWeights = splitWeights;
    this.lutGroupSize = lutGroupSize;
  }

  /** Binary code (equal to the ordinal; append-only, pinned by a test). */
  public int code() {
    return ordinal();
  }

  /** Weights per byte-aligned cut of a row, or 0 when a row cannot be cut. */
  public int splitWeights() {
    return splitWeights;
  }

  /** Bytes one packed row of k weights occupies. */
  public long packedRowBytes(long k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
    return switch (this) {
      case TWO_BIT, LUT_G2, LUT_G4 -> ceilDiv(k, 4);
      case BASE3 -> ceilDiv(k, 5);
      case LUT_G3 -> ceilDiv(k, 3);
      case LUT_G3_MIRROR -> {
        long groups = ceilDiv(k, 3);
        yield ceilDiv(groups, 2) + ceilDiv(groups, 8);
      }
      case BIT_PLANES -> 2 * ceilDiv(k, 8);
    };
  }

  /** True for the packings the LUT tensor core reads (weight-group indices or bit planes). */
  public boolean isLutPacking() {
    return this != TWO_BIT && this != BASE3;
  }

  /** The packing the LUT core with group size g and the given variant reads, or null if none exists. */
  public static Packing forLut(int groupSize, LutVariant variant) {
    return switch (variant) {
      case BIT_SERIAL -> BIT_PLANES;
      case TERNARY_MIRROR -> groupSize == 3 ? LUT_G3_MIRROR : null;
      case TERNARY_BASE3 -> {
        for (Packing p : values()) {
          if (p != LUT_G3_MIRROR && p.lutGroupSize == groupSize && p.lutGroupSize > 0) {
            yield p;
          }
        }
        yield null;
      }
    };
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
