package dev.tritium.simulator.functional;

/**
 * Kinds of fp32 operation the vector unit performs; each VEC op's count per element is tabulated in
 * simulator/README.md ("Action counters").
 */
public enum Fp32Op {
  /** Multiply-accumulate pair of a reduction (RMSNorm's sum of squares), as the reference counts it. */
  MAC,
  /** Addition or subtraction. */
  ADD,
  MUL,
  DIV,
  EXP,
  SQRT,
  /** Max/min/compare: an abs-max step, a max with eps, each of a clamp's two compares. */
  MAX,
  /** Round half to even to an integer (float to int8 conversion included). */
  ROUND,
  /** int32 to fp32 conversion. */
  CVT,
  /** RoPE table sine, including its angle product pos * invFreq. */
  SIN,
  /** RoPE table cosine (shares the angle of its SIN). */
  COS,
  /** RoPE inverse frequency 1 / theta^(2i/d), including the reciprocal. */
  POW,
  /**
   * One sparse outlier of GEMM.SP and one token: its CSR column decoded into an activation address, the int8 weight
   * times the fp32 activation and the add into the row's sum. Priced on the sparse unit when the arch has one, else on
   * the vector lanes (EnergyAccounting).
   */
  SPARSE_MAC
}
