package dev.tritium.isa;

/**
 * The LUT tensor core's ISA-visible facts: group size g, table variant, and whether it has fp adders
 * ({@code floatAdders}: fp32 adders in its table builder and lookup accumulators, so it runs LUT.BUILD.F16 and
 * LUT.GEMM.F16 for the weight formats with fp16 activations) and whether it also builds and reads bit-plane tables
 * ({@code bitPlane}: LUT.BUILD.BP and LUT.GEMM.BP, T-MAC's integer-weight lookups, next to its own variant).
 */
public record LutUnit(int groupSize, LutVariant variant, boolean floatAdders, boolean bitPlane) {

  /** A core with integer adders only (no fp16 tables). */
  public LutUnit(int groupSize, LutVariant variant) {
    this(groupSize, variant, false);
  }

  /** A core without bit-plane tables. */
  public LutUnit(int groupSize, LutVariant variant, boolean floatAdders) {
    this(groupSize, variant, floatAdders, false);
  }

  public LutUnit {
    java.util.Objects.requireNonNull(variant, "variant");
    if (groupSize < 1 || groupSize > 7) {
      throw new IllegalArgumentException("LUT group size must be in 1..7, got " + groupSize);
    }
  }

  /** The weight packing this core reads, or null when none exists for (g, variant). */
  public Packing packing() {
    return Packing.forLut(groupSize, variant);
  }
}
