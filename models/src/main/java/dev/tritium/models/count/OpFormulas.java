package dev.tritium.models.count;

import dev.tritium.models.config.Activation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cost of one event of each kind of work, exactly as the reference engine performs it (see the
 * op order in models/README.md). {@link OpCounter} adds these up event by event during a run;
 * {@link AnalyticCounts} multiplies them out in closed form.
 */
public final class OpFormulas {

  private OpFormulas() {}

  /**
   * RMSNorm of one d-vector: sum of squares (d MACs), mean (1 div), + eps (1 add), sqrt (1),
   * reciprocal (1 div), x * inv * gain (2d muls).
   */
  public static OpCounts rmsNorm(int d) {
    return new OpCounts(0, 0, 0, 0, d, 1, 2L * d, 2, 0, 1, 0, 0, 0);
  }

  /**
   * Absmax int8 quantization of one K-vector: K abs-max compares, 1 max with eps, 1 div (127 / max);
   * per element 1 mul, 1 round, 2 clamp compares.
   */
  public static OpCounts activationQuant(int k) {
    return new OpCounts(0, 0, 0, 0, 0, 0, k, 1, 0, 0, 3L * k + 1, k, 0);
  }

  /**
   * One token through a ternary N x K projection with {@code plus}/{@code minus} nonzero weights:
   * every weight x activation pair (add, subtract or skip), then dequantization: 1 mul (s_w * s_x),
   * N int32 to fp32 conversions and N divs.
   */
  public static OpCounts projectionToken(int rows, long plus, long minus, long weights) {
    return new OpCounts(plus, minus, weights - plus - minus, 0, 0, 0, 1, rows, 0, 0, 0, 0, rows);
  }

  /** RoPE on one token's q and k: (heads + kvHeads) * headDim elements, 2 muls + 1 add each (cos/sin tabled). */
  public static OpCounts rope(int heads, int kvHeads, int headDim) {
    long e = (long) (heads + kvHeads) * headDim;
    return new OpCounts(0, 0, 0, 0, 0, e, 2 * e, 0, 0, 0, 0, 0, 0);
  }

  /**
   * The online Hadamard rotation of one token's q and k heads ({@code ModelConfig.qkHadamard}): per head of d values
   * a fast transform ({@code d log2 b} adds, b the largest power of two dividing d) and d muls by the scale.
   */
  public static OpCounts qkHadamard(int heads, int kvHeads, int headDim) {
    long e = (long) (heads + kvHeads) * headDim;
    long adds = e * Integer.numberOfTrailingZeros(headDim & -headDim);
    return new OpCounts(0, 0, 0, 0, 0, adds, e, 0, 0, 0, 0, 0, 0);
  }

  /**
   * Attention of one query token over {@code context} keys (itself included), all heads: per head
   * QK^T (c * headDim MACs), scale (c muls), running max (c compares), subtract max (c adds),
   * exp (c), sum (c adds), normalize (c divs), PV (c * headDim MACs). The int8 path's MACs are the
   * same QK^T and PV products.
   */
  public static OpCounts attentionQuery(int heads, int headDim, long context) {
    long c = (long) heads * context;
    long macs = 2 * c * headDim;
    return new OpCounts(0, 0, 0, macs, macs, 2 * c, c, c, c, 0, c, 0, 0);
  }

  /** act(gate) * up over F features: relu2 = max, square, mul; silu = g / (1 + exp(-g)), then * up. */
  public static OpCounts ffnActivation(Activation act, int f) {
    switch (act) {
      case RELU2:
        return new OpCounts(0, 0, 0, 0, 0, 0, 2L * f, 0, 0, 0, f, 0, 0);
      case SILU:
        return new OpCounts(0, 0, 0, 0, 0, f, f, f, f, 0, 0, 0, 0);
      default:
        throw new IllegalArgumentException("no op count for activation " + act);
    }
  }

  /** Residual add of one d-vector. */
  public static OpCounts residual(int d) {
    return new OpCounts(0, 0, 0, 0, 0, d, 0, 0, 0, 0, 0, 0, 0);
  }

  /** One token's logits: vocab x hidden fp32 MACs. */
  public static OpCounts lmHeadToken(int vocab, int hidden) {
    return new OpCounts(0, 0, 0, 0, (long) vocab * hidden, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** Traffic of one projection call over {@code tokens} tokens. */
  public static TrafficBytes projectionCall(int rows, int cols, int tokens, List<PackingSize> packings) {
    Map<String, Long> w = new TreeMap<>();
    for (PackingSize p : packings) {
      w.put(p.name(), p.packedBytes(rows, cols));
    }
    return new TrafficBytes(w, 0, 0, (long) tokens * cols, 4L * tokens * rows, 0, 0);
  }

  /** Traffic of one RMSNorm call: its gains. */
  public static TrafficBytes normCall(int d) {
    return new TrafficBytes(Map.of(), 0, 4L * d, 0, 0, 0, 0);
  }

  /** KV-cache reads of one query token over {@code context} positions. */
  public static TrafficBytes attentionQueryTraffic(int kvDim, long context) {
    return attentionQueryTrafficBytes(2L * kvDim * context * TrafficBytes.KV_BYTES_PER_VALUE);
  }

  /** KV-cache reads of one query, given the bytes the cache stores for its context (a low-bit KV format). */
  public static TrafficBytes attentionQueryTrafficBytes(long kvBytes) {
    return new TrafficBytes(Map.of(), 0, 0, 0, 0, kvBytes, 0);
  }

  /** KV-cache writes of one token. */
  public static TrafficBytes kvAppend(int kvDim) {
    return kvAppendBytes(2L * kvDim * TrafficBytes.KV_BYTES_PER_VALUE);
  }

  /** KV-cache writes of one token, given the bytes the cache stores for it. */
  public static TrafficBytes kvAppendBytes(long bytes) {
    return new TrafficBytes(Map.of(), 0, 0, 0, 0, 0, bytes);
  }

  /** Embedding rows of {@code tokens} tokens, bf16. */
  public static TrafficBytes embedding(int hidden, int tokens) {
    return new TrafficBytes(Map.of(), 2L * hidden * tokens, 0, 0, 0, 0, 0);
  }

  /** One LM head call over {@code tokens} tokens: the whole bf16 matrix, fp32 inputs and logits. */
  public static TrafficBytes lmHeadCall(int vocab, int hidden, int tokens) {
    return new TrafficBytes(Map.of(), 2L * vocab * hidden, 0, 4L * tokens * hidden, 4L * tokens * vocab, 0, 0);
  }
}
