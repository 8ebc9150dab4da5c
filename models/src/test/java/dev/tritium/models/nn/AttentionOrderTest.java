package dev.tritium.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tritium.common.HalfFloats;
import dev.tritium.models.kernel.ParallelLoop;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link Attention}'s blocked score loop and its head split over threads give the bits of the op order its class
 * comment defines, written out here one key and one head at a time.
 */
class AttentionOrderTest {

  /** The class comment's order, one sequential dot per key, heads in turn. */
  static void definition(float[] q, float[] keys, float[] values, int context, int heads, int kvHeads, int headDim,
      float[] out, boolean half) {
    int group = heads / kvHeads;
    int kvDim = kvHeads * headDim;
    float scale = (float) (1.0 / Math.sqrt(headDim));
    float[] p = new float[context];
    for (int h = 0; h < heads; h++) {
      int qb = h * headDim;
      int kvOff = (h / group) * headDim;
      float m = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < context; j++) {
        float dot = 0f;
        for (int i = 0; i < headDim; i++) {
          float qi = half ? HalfFloats.roundToF16(q[qb + i]) : q[qb + i];
          float k = keys[j * kvDim + kvOff + i];
          dot += qi * (half ? HalfFloats.roundToF16(k) : k);
        }
        p[j] = dot * scale;
        m = Math.max(m, p[j]);
      }
      float sum = 0f;
      for (int j = 0; j < context; j++) {
        p[j] = (float) Math.exp(p[j] - m);
        sum += p[j];
      }
      for (int j = 0; j < context; j++) {
        p[j] = half ? HalfFloats.roundToF16(p[j] / sum) : p[j] / sum;
      }
      for (int i = 0; i < headDim; i++) {
        float o = 0f;
        for (int j = 0; j < context; j++) {
          float v = values[j * kvDim + kvOff + i];
          o += p[j] * (half ? HalfFloats.roundToF16(v) : v);
        }
        out[qb + i] = o;
      }
    }
  }

  @Property(tries = 80)
  void blockedAndParallelEqualTheDefinition(@ForAll @IntRange(min = 1, max = 23) int context,
      @ForAll @IntRange(min = 1, max = 3) int kvHeads, @ForAll @IntRange(min = 1, max = 3) int group,
      @ForAll @IntRange(min = 1, max = 40) int headDim, @ForAll boolean half, @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int heads = kvHeads * group;
    float[] q = gaussian(rnd, heads * headDim, 3);
    float[] keys = gaussian(rnd, context * kvHeads * headDim, 3);
    float[] values = gaussian(rnd, context * kvHeads * headDim, 1);
    AttentionPrecision precision = half ? AttentionPrecision.FP16 : AttentionPrecision.FP32;
    float[] expected = new float[heads * headDim];
    definition(q, keys, values, context, heads, kvHeads, headDim, expected, half);
    float[] serial = new float[heads * headDim];
    Attention.attend(q, 0, keys, values, context, heads, kvHeads, headDim, serial, 0, precision);
    assertArrayEquals(expected, serial);
    try (ParallelLoop loop = new ParallelLoop(3)) {
      float[] parallel = new float[heads * headDim + 5];
      Attention.attend(q, 0, keys, values, context, heads, kvHeads, headDim, parallel, 5, precision, loop);
      assertArrayEquals(expected, java.util.Arrays.copyOfRange(parallel, 5, parallel.length));
    }
  }

  private static float[] gaussian(SplittableRandom rnd, int n, double sigma) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (rnd.nextGaussian() * sigma);
    }
    return v;
  }
}
