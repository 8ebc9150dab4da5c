package dev.tritium.simulator.energy.accounting;

import dev.tritium.simulator.functional.TernaryPairCounts;

/**
 * An explicit assumption used only when a timing-only run left the ternary add/sub/skip split unknown
 * and no weight histogram is at hand (a model preset without weights): a fraction of zero weights,
 * the rest split evenly between +1 and -1. Entries priced with it say so in their count basis.
 *
 * @param zeroFraction fraction of weights equal to 0, in [0, 1]
 * @param basis why this fraction (printed in reports)
 */
public record AssumedWeightMix(double zeroFraction, String basis) {

  public AssumedWeightMix {
    if (!(zeroFraction >= 0 && zeroFraction <= 1)) {
      throw new IllegalArgumentException("zero-weight fraction must be in [0, 1], got " + zeroFraction);
    }
    if (basis == null || basis.isBlank()) {
      throw new IllegalArgumentException("an assumed weight mix needs a stated basis");
    }
  }

  /** {@code pairs} split into adds, subs, skips: skips = round(pairs x zeroFraction), odd remainder to adds. */
  public long[] split(long pairs) {
    long skips = Math.round(pairs * zeroFraction);
    long nonzero = pairs - skips;
    long subs = nonzero / 2;
    return new long[] {nonzero - subs, subs, skips};
  }

  /** The split of a unit's unknown counts, as the add/sub/skip triple priced. */
  long[] resolve(TernaryPairCounts unknown) {
    return split(unknown.pairs());
  }

  /** Count basis text for entries priced with this mix. */
  String describe() {
    return String.format(java.util.Locale.ROOT, "ASSUMED weight mix: %.4f zeros, rest +1/-1 evenly (%s)",
        zeroFraction, basis);
  }
}
