package dev.tritium.models.count;

import dev.tritium.models.kernel.MaskPackedWeights;
import dev.tritium.models.kernel.TritPackedWeights;
import dev.tritium.models.packing.WeightPacking;
import dev.tritium.models.packing.WeightPackings;
import java.util.ArrayList;
import java.util.List;

/**
 * The packings op counts cost weights in: every ternary {@link WeightPackings} layout plus the reference engine's two
 * kernel layouts (sign masks and trit lookup words).
 */
public final class StandardPackings {

  /** Name of the popcount GEMV kernel's layout ({@link MaskPackedWeights}). */
  public static final String SIGN_MASK = "sign-mask";
  /** Name of the table-lookup GEMV kernel's layout ({@link TritPackedWeights}). */
  public static final String TRIT_LUT = "trit-lut";

  private StandardPackings() {}

  /** All packings, stable order. */
  public static List<PackingSize> all() {
    List<PackingSize> out = new ArrayList<>();
    for (WeightPacking p : WeightPackings.all()) {
      if (!p.binaryOnly()) { // counts cost ternary weights; a binary-only layout cannot hold them
        out.add(PackingSize.of(p.name(), p::packedBytes));
      }
    }
    out.add(PackingSize.of(SIGN_MASK, MaskPackedWeights::storageBytes));
    out.add(PackingSize.of(TRIT_LUT, TritPackedWeights::storageBytes));
    return List.copyOf(out);
  }
}
