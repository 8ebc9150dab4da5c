package dev.tritium.isa;

import static dev.tritium.common.IntMath.ceilDiv;

/**
 * Weight packings an instruction can name. The ISA needs only each packing's byte extent per weight
 * row and where a row can be cut at a byte boundary; the bit layouts inside the bytes belong to
 * models/README.md ({@code dev.tritium.models.packing.WeightPackings}).
 *
 * <p>Byte counts match models/README.md exactly (a test in the mapper can pin both against each other,
 * isa depends on nothing). {@link #splitWeights()} is the granularity at which a row's first k weights occupy exactly its
 * first {@code packedRowBytes(k)} bytes (so a K tile starting at k0 starts at byte
 * {@code packedRowBytes(k0)}); 0 means a row cannot be cut (layouts with a second section per row).
 * Every packing is row-major: row r starts {@code r * packedRowBytes(k)} bytes in, on a byte boundary.
 */
public enum Packing {
  /** I2_S-style 2-bit codes, -1/0/+1 as 0/1/2, four weights per byte (models: "2bit"). */
  TWO_BIT("2bit", 4, 0),
  /** Base-3: five trits per byte, 1.6 bits per weight (models: "base3"). */
  BASE3("base3", 5, 0),
  /** LUT groups of 2: 4-bit index fields (models: "lut-g2"). */
  LUT_G2("lut-g2", 4, 2),
  /** LUT groups of 3: 5-bit index fields, so a row cuts at a byte every 8 groups (models: "lut-g3"). */
  LUT_G3("lut-g3", 24, 3),
  /** LUT groups of 4: 7-bit index fields, a byte-aligned cut every 8 groups (models: "lut-g4"). */
  LUT_G4("lut-g4", 32, 4),
  /**
   * LUT groups of 3 with the mirrored 14-entry table (TL2): per row, ceil(G/2) bytes of 4-bit
   * magnitudes then ceil(G/8) bytes of sign bits, G = ceil(k/3); rows cannot be cut (models:
   * "tl2-mirror-g3").
   */
  LUT_G3_MIRROR("tl2-mirror-g3", 0, 3),
  /**
   * T-MAC bit planes of the offset code t = w + 1, per row: plane 0 (bit 0 of t, ceil(k/8) bytes, column
   * c at bit c%8 of byte c/8), then plane 1 (bit 1 of t, ceil(k/8) bytes); padding weights are 0 (plane 0
   * bit 1, plane 1 bit 0). Rows tile; a row cannot be cut along K (models: "bitplanes").
   */
  BIT_PLANES("bitplanes", 0, 0),
  /**
   * One bit per binary weight (bit 1 = +1, bit 0 = -1), column c at bit c%8 of byte c/8, rows byte-aligned; it
   * holds no 0, so only binary matrices use it (models: "sign-bits"). The MAC array reads it, and so does a LUT core
   * with BINARY or BINARY_MIRROR tables (group q's index is bits q*g .. q*g+g-1).
   */
  SIGN_BITS("sign-bits", 8, 0);

  private final String modelsName;
  private final int splitWeights;
  private final int lutGroupSize;

  Packing(String modelsName, int splitWeights, int lutGroupSize) {
    this.modelsName = modelsName;
    this.splitWeights = splitWeights;
    this.lutGroupSize = lutGroupSize;
  }

  /** The name of the same layout in dev.tritium.models.packing.WeightPackings. */
  public String modelsName() {
    return modelsName;
  }

  /** Binary code (equal to the ordinal; append-only, pinned by a test). */
  public int code() {
    return ordinal();
  }

  /** True for a layout that holds no 0 weight, so only binary matrices can use it. */
  public boolean binaryOnly() {
    return this == SIGN_BITS;
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
      case TWO_BIT, LUT_G2 -> ceilDiv(k, 4);
      case BASE3 -> ceilDiv(k, 5);
      case LUT_G3 -> ceilDiv(ceilDiv(k, 3) * 5, 8);
      case LUT_G4 -> ceilDiv(ceilDiv(k, 4) * 7, 8);
      case LUT_G3_MIRROR -> {
        long groups = ceilDiv(k, 3);
        yield ceilDiv(groups, 2) + ceilDiv(groups, 8);
      }
      case BIT_PLANES -> 2 * ceilDiv(k, 8);
      case SIGN_BITS -> ceilDiv(k, 8);
    };
  }

  /**
   * True for the packings only the LUT tensor core reads (weight-group indices or bit planes). SIGN_BITS is not one:
   * the MAC array reads it, and so does a LUT core with binary tables ({@link #readableBy}).
   */
  public boolean isLutPacking() {
    return this != TWO_BIT && this != BASE3 && this != SIGN_BITS;
  }

  /** True when compute unit {@code unit} can read this packing (SIGN_BITS: both units). */
  public boolean readableBy(ComputeUnit unit) {
    return this == SIGN_BITS || (unit == ComputeUnit.LUT) == isLutPacking();
  }

  /** The packing the LUT core with group size g and the given variant reads, or null if none exists. */
  public static Packing forLut(int groupSize, LutVariant variant) {
    return switch (variant) {
      case BIT_SERIAL -> BIT_PLANES;
      case BINARY, BINARY_MIRROR -> variant.supportsGroupSize(groupSize) ? SIGN_BITS : null;
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
}
