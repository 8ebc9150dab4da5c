package dev.tritium.models.count;

/**
 * Operation counts of one piece of work (all fields are operation counts, unit: ops).
 *
 * <p>Ternary ops are counted per (weight, activation) pair of a BitLinear: weight +1 is an add, -1 a
 * subtract, 0 a skip. A zero activation still counts as an add or subtract (the datapath still adds).
 * {@code int8Macs} are the int8 x int8 multiply-accumulates that an accelerator's int8 attention path
 * performs for QK^T and PV; the reference engine does that attention in fp32 (counted in
 * {@code fp32Macs}), as the real model does, so both describe the same attention work. {@code fp32Macs}
 * counts multiply-accumulate pairs of reductions (dot products: RMSNorm sum of squares, QK^T, PV, LM
 * head); the other fp32 fields count standalone element ops. Subtractions count as adds; compares,
 * max and clamps as {@code fp32MaxOps}; {@code fp32Rounds} are round-half-even; conversions are int32
 * to fp32.
 */
public record OpCounts(
    long ternaryAdds,
    long ternarySubs,
    long ternarySkips,
    long int8Macs,
    long fp32Macs,
    long fp32Adds,
    long fp32Muls,
    long fp32Divs,
    long fp32Exps,
    long fp32Sqrts,
    long fp32MaxOps,
    long fp32Rounds,
    long int32ToFp32Conversions) {

  public static final OpCounts ZERO = new OpCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Field-wise sum. */
  public OpCounts plus(OpCounts o) {
    return new OpCounts(ternaryAdds + o.ternaryAdds, ternarySubs + o.ternarySubs, ternarySkips + o.ternarySkips,
        int8Macs + o.int8Macs, fp32Macs + o.fp32Macs, fp32Adds + o.fp32Adds, fp32Muls + o.fp32Muls,
        fp32Divs + o.fp32Divs, fp32Exps + o.fp32Exps, fp32Sqrts + o.fp32Sqrts, fp32MaxOps + o.fp32MaxOps,
        fp32Rounds + o.fp32Rounds, int32ToFp32Conversions + o.int32ToFp32Conversions);
  }

  /** Every field multiplied by n. */
  public OpCounts times(long n) {
    return new OpCounts(ternaryAdds * n, ternarySubs * n, ternarySkips * n, int8Macs * n, fp32Macs * n,
        fp32Adds * n, fp32Muls * n, fp32Divs * n, fp32Exps * n, fp32Sqrts * n, fp32MaxOps * n, fp32Rounds * n,
        int32ToFp32Conversions * n);
  }

  /** Ternary add + subtract + skip: the weight x activation pairs. */
  public long ternaryPairs() {
    return ternaryAdds + ternarySubs + ternarySkips;
  }

  /** All fp32 ops, a MAC counted as two (multiply and add). */
  public long fp32Ops() {
    return 2 * fp32Macs + fp32Adds + fp32Muls + fp32Divs + fp32Exps + fp32Sqrts + fp32MaxOps + fp32Rounds
        + int32ToFp32Conversions;
  }

  static OpCounts ternary(long adds, long subs, long skips) {
    return new OpCounts(adds, subs, skips, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }
}
