package dev.tritium.mapper.bitlinear;

/**
 * Order of the DRAM-level N and K block loops inside one M tile. LOOP.GEMM itself always runs its
 * weight tiles N-outer, K-inner; the K blocks exist only on the LUT core, whose tables for a whole K
 * row may not fit the LUT buffer.
 */
public enum LoopOrder {
  /** for n-block { for k-block { [build tables]; LOOP.GEMM } ; dequantize the n-block }: small ACC, tables rebuilt per n-block. */
  N_OUTER,
  /** for k-block { build tables; for n-block { LOOP.GEMM } }; dequantize: tables built once, ACC holds all N. */
  K_OUTER;

  public String label() {
    return this == N_OUTER ? "n-outer" : "k-outer";
  }
}
