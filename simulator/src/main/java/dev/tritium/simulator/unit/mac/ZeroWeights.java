package dev.tritium.simulator.unit.mac;

/**
 * Which weights of a GEMM.T tile are zero, as the zero-skipping MAC array asks for them: only the values
 * side knows (the functional model answers from the packed weights in WGT); timing-only runs use
 * {@link #NONE}. The array decides which blocks to ask about from its fold decomposition.
 */
@FunctionalInterface
public interface ZeroWeights {

  /** Nothing is known to be zero: no fold or streamed vector is skipped. */
  ZeroWeights NONE = (n0, n1, k0, k1) -> false;

  /** True when W[n][k] = 0 for every output row n in [n0, n1) and input column k in [k0, k1). */
  boolean allZero(long n0, long n1, long k0, long k1);
}
