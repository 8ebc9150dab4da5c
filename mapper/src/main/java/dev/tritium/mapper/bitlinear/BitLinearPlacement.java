package dev.tritium.mapper.bitlinear;

import dev.tritium.isa.Packing;

/**
 * Where one BitLinear's tensors live in DRAM (byte addresses): packed weights [N][packedRowBytes(K)],
 * fp32 input x [M][K] and fp32 output y [M][N], all row-major and dense.
 */
public record BitLinearPlacement(long weightsAddr, long inputAddr, long outputAddr) {

  /** DRAM alignment of each tensor (a DRAM page, so tensors never share a burst). */
  public static final long ALIGN_BYTES = 4096;

  public BitLinearPlacement {
    if (weightsAddr < 0 || inputAddr < 0 || outputAddr < 0) {
      throw new IllegalArgumentException("DRAM addresses must be >= 0");
    }
  }

  /** Weights at {@code base}, then input, then output, each aligned to {@link #ALIGN_BYTES}. */
  public static BitLinearPlacement packed(long base, BitLinearShape s, Packing packing) {
    long w = align(base);
    long in = align(w + weightBytes(s, packing));
    long out = align(in + 4L * s.tokens() * s.inFeatures());
    return new BitLinearPlacement(w, in, out);
  }

  /** First byte after the output tensor (where a next tensor may go). */
  public long end(BitLinearShape s) {
    return outputAddr + 4L * s.tokens() * s.outFeatures();
  }

  /** Packed weight bytes of the whole matrix (row padding included). */
  public static long weightBytes(BitLinearShape s, Packing packing) {
    return s.outFeatures() * packing.packedRowBytes(s.inFeatures());
  }

  static long align(long a) {
    return (a + ALIGN_BYTES - 1) / ALIGN_BYTES * ALIGN_BYTES;
  }
}
