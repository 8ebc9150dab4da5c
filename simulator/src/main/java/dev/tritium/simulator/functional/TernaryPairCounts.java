package dev.tritium.simulator.functional;

/**
 * Weight-activation pairs a ternary unit processed, split by the weight's value: {@code adds} (w = +1),
 * {@code subs} (w = -1), {@code skips} (w = 0). A zero activation against a nonzero weight still counts
 * as an add or sub; {@code zeroActivationPairs} counts pairs whose activation is 0 (any weight),
 * the work an activation-side zero-skipping design avoids. Only {@code pairs} is value-independent.
 *
 * @param pairs m * n * k summed over instructions (value-independent)
 * @param adds pairs with w = +1
 * @param subs pairs with w = -1
 * @param skips pairs with w = 0
 * @param zeroActivationPairs pairs with activation 0 (EXECUTED source only, else 0)
 * @param source where adds/subs/skips came from
 */
public record TernaryPairCounts(long pairs, long adds, long subs, long skips, long zeroActivationPairs,
    CountSource source) {

  public static final TernaryPairCounts NONE = new TernaryPairCounts(0, 0, 0, 0, 0, CountSource.EXECUTED);

  public TernaryPairCounts {
    if (source == CountSource.UNKNOWN && (adds | subs | skips | zeroActivationPairs) != 0) {
      throw new IllegalArgumentException("unknown ternary pair counts must carry no adds/subs/skips");
    }
    if (source != CountSource.UNKNOWN && adds + subs + skips != pairs) {
      throw new IllegalArgumentException("adds " + adds + " + subs " + subs + " + skips " + skips
          + " must equal the " + pairs + " pairs processed");
    }
  }

  public boolean known() {
    return source != CountSource.UNKNOWN;
  }

  /**
   * Resolves timing-only counts with the mapper's weight histogram: when each weight of a tensor
   * meets each of {@code tokens} tokens exactly once (a BitLinear), adds = tokens x (+1 weights)
   * exactly. Throws when the histogram does not account for every pair this unit processed.
   */
  public TernaryPairCounts resolvedBy(WeightTileStats tensorWeights, long tokens) {
    long a = tokens * tensorWeights.plusOnes();
    long s = tokens * tensorWeights.minusOnes();
    long z = tokens * tensorWeights.zeros();
    if (a + s + z != pairs) {
      throw new IllegalArgumentException("weight histogram covers " + (a + s + z) + " pairs (" + tokens
          + " tokens x " + tensorWeights.total() + " weights) but the unit processed " + pairs);
    }
    return new TernaryPairCounts(pairs, a, s, z, 0, CountSource.WEIGHT_HISTOGRAM);
  }
}
