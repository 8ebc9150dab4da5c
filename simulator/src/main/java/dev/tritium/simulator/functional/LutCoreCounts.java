package dev.tritium.simulator.functional;

/**
 * LUT tensor core actions (all value-independent): {@code buildAdds} = one add/sub per table entry
 * other than the all-zero-weights entry (each entry is an earlier entry plus or minus one activation),
 * {@code tableEntriesWritten}, {@code lookups} (one per token, output row and weight group; a bit-serial
 * core looks up once per plane) and {@code accumulateAdds} (one per lookup, the mirror's sign select
 * turning it into a subtract; BIT_PLANES adds one per (token, group) forming the token's activation sum
 * and one per output subtracting it). The fp16 tables (LUT.BUILD.F16, LUT.GEMM.F16) count their entries and
 * lookups in the same fields, and their adds apart: {@code floatBuildAdds} (fp32 adds building the tables in u
 * order) and {@code floatAccumulateAdds} (one fp32 add per lookup). The bit-plane tables (LUT.BUILD.BP, LUT.GEMM.BP)
 * count in the integer fields, plus {@code bitPlaneEdgeMacs}: LUT.GEMM.BP's zero-point multiply-adds
 * {@code z_w * sum(u_x - z_x)}, one per output.
 */
public record LutCoreCounts(long buildAdds, long tableEntriesWritten, long lookups, long accumulateAdds,
    long floatBuildAdds, long floatAccumulateAdds, long bitPlaneEdgeMacs) {

  /** Counts of a core that ran no bit-plane tables. */
  public LutCoreCounts(long buildAdds, long tableEntriesWritten, long lookups, long accumulateAdds,
      long floatBuildAdds, long floatAccumulateAdds) {
    this(buildAdds, tableEntriesWritten, lookups, accumulateAdds, floatBuildAdds, floatAccumulateAdds, 0);
  }

  /** Counts of a core that ran only integer tables. */
  public LutCoreCounts(long buildAdds, long tableEntriesWritten, long lookups, long accumulateAdds) {
    this(buildAdds, tableEntriesWritten, lookups, accumulateAdds, 0, 0);
  }
}
