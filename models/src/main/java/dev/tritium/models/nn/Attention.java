package dev.tritium.models.nn;

import dev.tritium.common.HalfFloats;
import dev.tritium.models.kernel.AttentionValueKernel;
import dev.tritium.models.kernel.AttentionValueKernels;
import dev.tritium.models.kernel.ParallelLoop;

/**
 * Causal grouped-query attention of one query token in fp32, as the real model computes it (the
 * accelerator's int8 path is costed in the op counts, not computed here). Query head h reads KV head
 * {@code h / (heads / kvHeads)}. Op order per head, keys j = 0 .. context-1 ascending:
 * <ol>
 *   <li>{@code s_j = dot(q, k_j) * scale}: the dot is a sequential fp32 sum over the head dim from
 *       0f, then one multiply by {@code scale = (float) (1 / sqrt(headDim))}</li>
 *   <li>{@code m = max_j s_j} (sequential from -inf)</li>
 *   <li>{@code e_j = (float) exp(s_j - m)} (the subtraction in fp32, exp in double rounded once)</li>
 *   <li>{@code sum = sequential fp32 sum of e_j}; {@code p_j = e_j / sum}</li>
 *   <li>{@code out_i = sequential fp32 sum over j of p_j * v_j,i}</li>
 * </ol>
 * In {@link AttentionPrecision#FP16} q, the cached keys and values and each p_j are rounded to binary16 first
 * ({@code q_i = f16(q_i)}, {@code k_ji = f16(k_ji)}, {@code v_ji = f16(v_ji)}, and in step 5 {@code p_j = f16(p_j)});
 * every product of two fp16 values is exact in fp32, and the sums keep the order above. An fp16 cache already holds
 * binary16 values (rounding them again changes nothing); a quantized cache ({@code KvCacheFormat.Int}, IntactKV)
 * holds {@code (float) (q - z) * step}, so attention reads {@code f16((float) (q - z) * step)}: what the accelerator's
 * VEC.KV_DEQUANT hands GEMM.F16. That is the order of the accelerator's GEMM.F16, VEC.SCALE, VEC.SOFTMAX and
 * VEC.TO_F16 (isa/README.md).
 */
public final class Attention {

  /**
   * Keys scored together: independent dot products in flight hide the fp32 add latency (see attendHeads). Eight
   * measured faster than four on a Zen 4 host (decode attention at context 8-42: see models/README.md).
   */
  private static final int KEY_BLOCK = 8;

  /** Step 5 in fp32 ({@link AttentionValueKernels}: a Vector API provider where the JVM has the module). */
  private static final AttentionValueKernel VALUES = AttentionValueKernels.selection().kernel();

  private Attention() {}

  /**
   * Attends query vector q[qOff, qOff + heads*headDim) over cache positions [0, context) of one layer
   * (keys and values [position][kvHeads*headDim]); writes out[outOff, outOff + heads*headDim).
   */
  public static void attend(float[] q, int qOff, float[] keys, float[] values, int context, int heads, int kvHeads,
      int headDim, float[] out, int outOff) {
    attend(q, qOff, keys, values, context, heads, kvHeads, headDim, out, outOff, AttentionPrecision.FP32);
  }

  /** As {@link #attend(float[], int, float[], float[], int, int, int, int, float[], int)}, in {@code precision}. */
  public static void attend(float[] q, int qOff, float[] keys, float[] values, int context, int heads, int kvHeads,
      int headDim, float[] out, int outOff, AttentionPrecision precision) {
    checkContext(context);
    attendHeads(q, qOff, keys, values, context, heads, kvHeads, headDim, out, outOff, precision, 0, heads);
  }

  /**
   * As above, with the heads split over {@code loop}'s threads. Every head is computed by one thread in the order
   * of the class comment, so the result is bit-identical for every thread count.
   */
  public static void attend(float[] q, int qOff, float[] keys, float[] values, int context, int heads, int kvHeads,
      int headDim, float[] out, int outOff, AttentionPrecision precision, ParallelLoop loop) {
    checkContext(context);
    loop.forRange(heads, (from, to) ->
        attendHeads(q, qOff, keys, values, context, heads, kvHeads, headDim, out, outOff, precision, from, to));
  }

  private static void checkContext(int context) {
    if (context <= 0) {
      throw new IllegalArgumentException("attention needs at least one key, got context " + context);
    }
  }

  /**
   * Heads [from, to). Each score is the class comment's sequential sum over the head dim; the score loop runs
   * {@link #KEY_BLOCK} keys side by side, each with its own accumulator and the same op order, because one
   * sequential fp32 sum is bound by the add latency (four cycles per element) and eight independent ones fill the
   * pipeline. The value sum is over keys for each output element, independent per element: in fp32 it runs on
   * {@link AttentionValueKernels}' kernel, which computes many elements side by side in that order.
   */
  private static void attendHeads(float[] q, int qOff, float[] keys, float[] values, int context, int heads,
      int kvHeads, int headDim, float[] out, int outOff, AttentionPrecision precision, int from, int to) {
    boolean half = precision == AttentionPrecision.FP16;
    int group = heads / kvHeads;
    int kvDim = kvHeads * headDim;
    float scale = (float) (1.0 / Math.sqrt(headDim));
    float[] p = new float[context];
    float[] qh = new float[headDim];
    float[] row = half ? new float[headDim] : null;
    for (int h = from; h < to; h++) {
      int qb = qOff + h * headDim;
      int kvOff = (h / group) * headDim;
      for (int i = 0; i < headDim; i++) {
        qh[i] = half ? HalfFloats.roundToF16(q[qb + i]) : q[qb + i];
      }
      int j = 0;
      if (!half) {
        for (; j + KEY_BLOCK <= context; j += KEY_BLOCK) {
          int k0 = j * kvDim + kvOff;
          int k1 = k0 + kvDim;
          int k2 = k1 + kvDim;
          int k3 = k2 + kvDim;
          int k4 = k3 + kvDim;
          int k5 = k4 + kvDim;
          int k6 = k5 + kvDim;
          int k7 = k6 + kvDim;
          float d0 = 0f;
          float d1 = 0f;
          float d2 = 0f;
          float d3 = 0f;
          float d4 = 0f;
          float d5 = 0f;
          float d6 = 0f;
          float d7 = 0f;
          for (int i = 0; i < headDim; i++) {
            float qi = qh[i];
            d0 += qi * keys[k0 + i];
            d1 += qi * keys[k1 + i];
            d2 += qi * keys[k2 + i];
            d3 += qi * keys[k3 + i];
            d4 += qi * keys[k4 + i];
            d5 += qi * keys[k5 + i];
            d6 += qi * keys[k6 + i];
            d7 += qi * keys[k7 + i];
          }
          p[j] = d0 * scale;
          p[j + 1] = d1 * scale;
          p[j + 2] = d2 * scale;
          p[j + 3] = d3 * scale;
          p[j + 4] = d4 * scale;
          p[j + 5] = d5 * scale;
          p[j + 6] = d6 * scale;
          p[j + 7] = d7 * scale;
        }
      }
      for (; j < context; j++) {
        int kb = j * kvDim + kvOff;
        float dot = 0f;
        for (int i = 0; i < headDim; i++) {
          dot += qh[i] * (half ? HalfFloats.roundToF16(keys[kb + i]) : keys[kb + i]);
        }
        p[j] = dot * scale;
      }
      float m = Float.NEGATIVE_INFINITY;
      for (j = 0; j < context; j++) {
        m = Math.max(m, p[j]);
      }
      float sum = 0f;
      for (j = 0; j < context; j++) {
        float e = (float) Math.exp(p[j] - m);
        p[j] = e;
        sum += e;
      }
      for (j = 0; j < context; j++) {
        p[j] = p[j] / sum;
        if (half) {
          p[j] = HalfFloats.roundToF16(p[j]);
        }
      }
      int ob = outOff + h * headDim;
      if (!half) {
        VALUES.weightedSum(p, context, values, kvOff, kvDim, headDim, out, ob);
        continue;
      }
      java.util.Arrays.fill(out, ob, ob + headDim, 0f);
      for (j = 0; j < context; j++) {
        int vb = j * kvDim + kvOff;
        float pj = p[j];
        for (int i = 0; i < headDim; i++) {
          row[i] = HalfFloats.roundToF16(values[vb + i]);
        }
        for (int i = 0; i < headDim; i++) {
          out[ob + i] += pj * row[i];
        }
      }
    }
  }
}
