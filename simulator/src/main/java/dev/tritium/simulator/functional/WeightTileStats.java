package dev.tritium.simulator.functional;

/**
 * How many weights of a tile are +1, -1 and 0 (row padding excluded). Multiplied by the number of
 * tokens that stream past the tile, these are the exact ternary adds, subtracts and skips, because
 * every weight meets every token once: a zero activation against a nonzero weight still costs an add.
 *
 * @param plusOnes weights equal to +1
 * @param minusOnes weights equal to -1
 * @param zeros weights equal to 0
 */
public record WeightTileStats(long plusOnes, long minusOnes, long zeros) {

  public WeightTileStats {
    if (plusOnes < 0 || minusOnes < 0 || zeros < 0) {
      throw new IllegalArgumentException("weight counts must be non-negative, got +1: " + plusOnes + ", -1: "
          + minusOnes + ", 0: " + zeros);
    }
  }

  public long total() {
    return plusOnes + minusOnes + zeros;
  }

  public WeightTileStats plus(WeightTileStats o) {
    return new WeightTileStats(plusOnes + o.plusOnes, minusOnes + o.minusOnes, zeros + o.zeros);
  }
}
