package dev.tritium.isa;

/** The LUT tensor core's ISA-visible facts: group size g and table variant. */
public record LutUnit(int groupSize, LutVariant variant) {

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
