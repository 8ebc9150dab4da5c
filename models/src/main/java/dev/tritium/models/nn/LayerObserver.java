package dev.tritium.models.nn;

import dev.tritium.models.count.LayerKind;
import dev.tritium.models.quant.QuantizedActivations;

/**
 * What a caller may see of one decoder layer while the reference engine runs it: every BitLinear's int8 input,
 * int32 accumulators and fp32 output, and the named intermediates, and it may replace the attention output
 * (the cross-check feeds the simulator's int8-attention result to prove the BitLinears downstream bit-exact).
 * The one description of the layer is {@link DecoderLayer}; observers read it, they never copy it.
 *
 * <p>Arrays passed to {@link #point} and {@link #projection} belong to the engine and change later (RoPE rotates
 * in place, residuals accumulate): an observer that keeps one copies it.
 */
public interface LayerObserver {

  /** Observes nothing (the engine's normal runs). */
  LayerObserver NONE = new LayerObserver() {};

  /** The named intermediates, in the order the layer produces them; arrays are [tokens][width]. */
  enum Point {
    /** RMSNorm of the layer input (the q/k/v BitLinears' input). */
    X_ATTN,
    /** q after RoPE. */
    Q_ROT,
    /** k after RoPE. */
    K_ROT,
    /** v. */
    V,
    /** Every key the attention reads (cached positions, then this call's), [positions][kv_dim]. */
    KEYS,
    /** Every value the attention reads, [positions][kv_dim]. */
    VALUES,
    /** The attention output (after {@link #attention}'s replacement, if any). */
    ATTN,
    /** The attention output after attn_sub_norm (the same array without sub-layer norms). */
    ATTN_NORMED,
    /** The residual stream after o_proj. */
    H_MID,
    /** RMSNorm of H_MID (the gate/up BitLinears' input). */
    X_FFN,
    /** gate_proj's output before the activation. */
    GATE,
    /** up_proj's output. */
    UP,
    /** act(gate) * up. */
    ACT,
    /** ACT after ffn_sub_norm (the same array without sub-layer norms). */
    ACT_NORMED,
    /** The layer output. */
    H_OUT
  }

  /** One BitLinear: its quantized input, exact accumulators [tokens][rows] and dequantized output. */
  default void projection(LayerKind kind, QuantizedActivations input, int[] accumulators, float[] output) {}

  /**
   * One projection in a weight format with fp16 activations: its fp32 input (which it rounds to fp16 itself) and
   * its output, both [tokens][width].
   */
  default void formatProjection(LayerKind kind, float[] input, float[] output) {}

  /** A named intermediate. */
  default void point(Point point, float[] values) {}

  /** The attention output as computed; the returned array replaces it (the same array: no replacement). */
  default float[] attention(float[] computed) {
    return computed;
  }
}
