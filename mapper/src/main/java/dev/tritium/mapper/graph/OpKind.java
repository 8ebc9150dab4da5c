package dev.tritium.mapper.graph;

/** What an operator node of a decoder-layer graph computes (mapper/README.md, "Decoder graph"). */
public enum OpKind {
  /** The layer's incoming residual stream (a source node, no compute). */
  LAYER_INPUT,
  /** RMSNorm with a gain vector (input, post-attention and sub-layer norms). */
  RMSNORM,
  /** Per-token absmax int8 quantization of a BitLinear input (VEC.QUANT). */
  QUANT,
  /** One ternary projection: LOOP.GEMM + VEC.DEQUANT. */
  BITLINEAR,
  /**
   * One projection in a weight format with fp16 activations (OneBit, PB-LLM, BiLLM, TernaryLLM): its fp32 input
   * rounded to fp16 and streamed through GEMM.SF tiles (mapper.fp16act); no QUANT before it.
   */
  FORMAT_LINEAR,
  /** Rotary embedding of q or k (VEC.ROPE). */
  ROPE,
  /** Quantize the new tokens' k and v per token and head, store them and their inverse scales to the DRAM cache. */
  KV_APPEND,
  /** Per-head quantization of q for the int8 attention path. */
  QUANT_Q,
  /** Scores: GEMM.I8 q . K^T, then scaled to fp32 with the q and k scales and 1/sqrt(head_dim). */
  QK,
  /** fp32 softmax, V scales folded in, probabilities quantized to int8. */
  SOFTMAX,
  /** GEMM.I8 P . V, dequantized to fp32. */
  PV,
  /** relu2- or SiLU-gated product act(gate) * up. */
  GATE_ACT,
  /** Residual add. */
  RESIDUAL_ADD,
  /** The layer's outgoing residual stream (a sink node). */
  LAYER_OUTPUT
}
