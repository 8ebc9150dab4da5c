package dev.tritium.simulator.unit.mac;

import dev.tritium.isa.Packing;
import dev.tritium.simulator.functional.GroupFieldLayout;
import dev.tritium.simulator.functional.PackingLayouts;
import java.util.EnumMap;
import java.util.Map;

/** The byte-table decoders of the packings the MAC array reads (TWO_BIT, BASE3, SIGN_BITS), built once each. */
final class MacPackingKernels {

  private final Map<Packing, ByteTableTernaryGemm> kernels = new EnumMap<>(Packing.class);

  /**
   * The decoder of a MAC-array packing.
   *
   * @throws IllegalArgumentException naming {@code where} for a LUT-core layout the array cannot decode
   */
  ByteTableTernaryGemm of(Packing p, String where) {
    // The validator's rule, so a program it refuses never runs here either (LUT_G2's 4-bit fields would decode).
    if (p.isLutPacking()) {
      throw new IllegalArgumentException(where + ": packing " + p + " is a LUT-core layout; use TWO_BIT, BASE3 or"
          + " SIGN_BITS");
    }
    return kernels.computeIfAbsent(p, q -> {
      GroupFieldLayout layout = PackingLayouts.groupFields(q, where);
      if (!layout.byteAligned()) {
        throw new IllegalArgumentException(where + ": packing " + q + " (" + layout.fieldBits()
            + "-bit fields) is a LUT-core layout the MAC array cannot decode; use TWO_BIT, BASE3 or SIGN_BITS");
      }
      return new ByteTableTernaryGemm(layout);
    });
  }
}
