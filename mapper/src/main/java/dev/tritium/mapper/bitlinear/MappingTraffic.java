package dev.tritium.mapper.bitlinear;

import dev.tritium.common.IntMath;

/**
 * What a mapping moves and recomputes, from its loop nest alone (no simulation): the analytical
 * estimate uses it, and the cross-check compares the simulator's counters against it, itemising
 * everything beyond the compulsory work as tiling overhead.
 *
 * @param weightBytes packed weight bytes of the whole matrix (compulsory DRAM read)
 * @param weightPasses times the weight matrix is streamed from DRAM (once per M tile)
 * @param inputBytes fp32 input bytes (compulsory DRAM read, 4 M K)
 * @param outputBytes fp32 output bytes (compulsory DRAM write, 4 M N)
 * @param tableBuildsPerToken times each token's tables of one K group are built (1, or the number of
 *     N blocks when tables are rebuilt for every N block)
 * @param dequantScaleProducts s_w x s_x products DEQUANT forms (M per N block; the reference forms M)
 * @param weightTiles weight tiles streamed in all (LOADs into WGT)
 */
public record MappingTraffic(long weightBytes, long weightPasses, long inputBytes, long outputBytes,
    long tableBuildsPerToken, long dequantScaleProducts, long weightTiles) {

  public static MappingTraffic of(BitLinearShape s, Mapping m) {
    long weightBytes = BitLinearPlacement.weightBytes(s, m.packing());
    long passes = m.mTiles(s);
    long rebuild = m.order() == LoopOrder.N_OUTER && m.kBlocks(s) > 1 ? m.nBlocks(s) : 1;
    long tilesPerPass = 0;
    for (int nb = 0; nb < m.nBlocks(s); nb++) {
      int bn = Math.min(m.blockN(), s.outFeatures() - nb * m.blockN());
      for (int kb = 0; kb < m.kBlocks(s); kb++) {
        int bk = Math.min(m.blockK(), s.inFeatures() - kb * m.blockK());
        tilesPerPass += (long) IntMath.ceilDiv(bn, Math.min(m.tileN(), bn)) * IntMath.ceilDiv(bk, Math.min(m.tileK(), bk));
      }
    }
    return new MappingTraffic(weightBytes, passes, 4L * s.tokens() * s.inFeatures(),
        4L * s.tokens() * s.outFeatures(), rebuild, (long) s.tokens() * m.nBlocks(s), tilesPerPass * passes);
  }

  /** Weight tiles per pass over the weights, i.e. the LUT.GEMM / GEMM.T instructions per M tile. */
  public long weightTilesPerPass() {
    return weightTiles / weightPasses;
  }

  /** DRAM bytes read: the weights once per pass plus the input. */
  public long dramReadBytes() {
    return weightPasses * weightBytes + inputBytes;
  }

  /** DRAM read bytes beyond the compulsory ones: weights re-streamed for every extra M tile. */
  public long dramReadOverheadBytes() {
    return (weightPasses - 1) * weightBytes;
  }
}
