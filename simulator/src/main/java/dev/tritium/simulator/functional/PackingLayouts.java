package dev.tritium.simulator.functional;

import dev.tritium.isa.Packing;

/** Which documented byte layout each ISA {@link Packing} names (models/README.md "weight packings"). */
public final class PackingLayouts {

  private PackingLayouts() {}

  /** The group-field layout of a packing, or throws for the mirror and bit-plane layouts. */
  public static GroupFieldLayout groupFields(Packing p, String where) {
    return switch (p) {
      case TWO_BIT -> GroupFieldLayout.TWO_BIT;
      case BASE3 -> GroupFieldLayout.BASE3;
      case LUT_G2 -> GroupFieldLayout.LUT_G2;
      case LUT_G3 -> GroupFieldLayout.LUT_G3;
      case LUT_G4 -> GroupFieldLayout.LUT_G4;
      case SIGN_BITS -> GroupFieldLayout.SIGN_BITS;
      case LUT_G3_MIRROR, BIT_PLANES -> throw new IllegalArgumentException(where + ": packing " + p
          + " is not a group-field layout");
    };
  }
}
