package dev.tritium.models.count;

import dev.tritium.models.kernel.MaskPackedWeights;
import dev.tritium.models.packing.WeightPacking;
import dev.tritium.models.packing.WeightPackings;
import java.util.ArrayList;
import java.util.List;

/** The packings op counts cost weights in: every ternary {@link WeightPackings} layout plus the kernel's sign-mask layout. */
public final class StandardPackings {

  /** Name of the GEMV kernel's layout ({@link MaskPackedWeights}). */
  public static final String SIGN_MASK = "sign-mask";

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
    return List.copyOf(out);
  }
}
