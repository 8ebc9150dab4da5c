package dev.tritium.simulator.functional;

/**
 * GEMM.BP's work on the MAC array's bit-plane PEs, value-independent (every PE runs every pass, zeros included):
 *
 * @param andPopcounts AND + popcount operations on one byte of a weight plane and one byte of an activation plane
 *     ({@code m n P Q ceil(k / 8)} per instruction)
 * @param passAdds the edge's shift-and-add of one pass's count into an output's int32 sum ({@code m n P Q})
 * @param zeroPointMacs the edge's zero-point multiply-adds, three per output ({@code z_x S_w}, {@code z_w S_x} and
 *     {@code (k z_w) z_x}; {@code 3 m n})
 */
public record BitPlaneCounts(long andPopcounts, long passAdds, long zeroPointMacs) {

  public static final BitPlaneCounts NONE = new BitPlaneCounts(0, 0, 0);

  public BitPlaneCounts {
    if (andPopcounts < 0 || passAdds < 0 || zeroPointMacs < 0) {
      throw new IllegalArgumentException("bit-plane counts must be >= 0, got andPopcounts " + andPopcounts
          + ", passAdds " + passAdds + ", zeroPointMacs " + zeroPointMacs);
    }
  }

  /** These counts plus another instruction's. */
  public BitPlaneCounts plus(BitPlaneCounts o) {
    return new BitPlaneCounts(andPopcounts + o.andPopcounts, passAdds + o.passAdds, zeroPointMacs + o.zeroPointMacs);
  }
}
