package dev.tritium.models.nn;

/**
 * The datatypes attention computes in (see {@link Attention}). The accelerator's attention datapath is one of them
 * exactly, so its output can be checked bit for bit against the reference in the same precision.
 */
public enum AttentionPrecision {
  /** fp32 throughout: the real model. */
  FP32,
  /**
   * q, the cached keys and values and the probabilities rounded to IEEE binary16 (round to nearest even) before
   * they are multiplied; products (exact for two fp16 values) and sums in fp32. The accelerator's fp16 attention
   * (GEMM.F16 on the vector lanes, over an fp16 KV cache or a quantized one read back through VEC.KV_DEQUANT)
   * computes this.
   */
  FP16
}
