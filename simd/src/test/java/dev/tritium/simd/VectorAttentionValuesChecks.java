package dev.tritium.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tritium.models.kernel.AttentionValueKernel;
import dev.tritium.models.kernel.AttentionValueKernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector value sum gives the plain kernel's bits for every width (full 4-vector blocks, single vectors and the
 * scalar tail), context and offset, on values that expose a changed order, a fused multiply-add or a lost -0; the
 * engine picks it; it refuses ranges outside its arrays.
 */
class VectorAttentionValuesChecks {

  private static final AttentionValueKernel VECTOR = new VectorAttentionValues();
  private static final AttentionValueKernel PLAIN = AttentionValueKernels.plain();

  /** Mixed magnitudes (sums that depend on order and on rounding the product), signed zeros and subnormals. */
  private static float[] adversarial(SplittableRandom rnd, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      switch (i % 9) {
        case 0 -> a[i] = -0f;
        case 1 -> a[i] = Float.MIN_VALUE * (1 + rnd.nextInt(1000));
        case 2 -> a[i] = (float) (rnd.nextGaussian() * 1e6);
        default -> a[i] = (float) rnd.nextGaussian() * (1 + rnd.nextInt(3)) / 3f;
      }
    }
    return a;
  }

  @Test
  void equalsThePlainKernelBitForBitForEveryShape() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int width : new int[] {1, 7, 16, 31, 64, 65, 80, 128, 130}) {
      for (int context : new int[] {0, 1, 2, 5, 33, 70}) {
        int stride = width + rnd.nextInt(5);
        int offset = rnd.nextInt(4);
        float[] p = adversarial(rnd, Math.max(1, context));
        float[] values = adversarial(rnd, offset + context * stride + width);
        float[] expected = new float[width + 3];
        float[] actual = new float[width + 3];
        Arrays.fill(expected, 42f);
        Arrays.fill(actual, 42f);
        PLAIN.weightedSum(p, context, values, offset, stride, width, expected, 2);
        VECTOR.weightedSum(p, context, values, offset, stride, width, actual, 2);
        assertArrayEquals(expected, actual, "width " + width + ", context " + context);
        assertEquals(42f, actual[0], "nothing before the output range is written");
        assertEquals(42f, actual[width + 2], "nothing after the output range is written");
      }
    }
  }

  /** The data above tells the defined order from a fused one: a kernel using fma would fail the check above. */
  @Test
  void theDataExposesAFusedMultiplyAdd() {
    SplittableRandom rnd = new SplittableRandom(7);
    int width = 128;
    int context = 70;
    float[] p = adversarial(rnd, context);
    float[] values = adversarial(rnd, context * width);
    float[] plain = new float[width];
    PLAIN.weightedSum(p, context, values, 0, width, width, plain, 0);
    float[] fused = new float[width];
    for (int i = 0; i < width; i++) {
      float s = 0f;
      for (int j = 0; j < context; j++) {
        s = Math.fma(p[j], values[j * width + i], s);
      }
      fused[i] = s;
    }
    assertFalse(Arrays.equals(plain, fused), "the fused sums must differ somewhere, or the check could not see one");
  }

  @Test
  void attentionRunsTheVectorKernel() {
    assertInstanceOf(VectorAttentionValues.class, AttentionValueKernels.selection().kernel(),
        AttentionValueKernels.selection().reason());
  }

  @Test
  void rangesOutsideTheArraysAreRefusedBeforeAnyVectorLoad() {
    float[] p = new float[4];
    float[] values = new float[4 * 64];
    float[] out = new float[64];
    assertThrows(IndexOutOfBoundsException.class, () -> VECTOR.weightedSum(p, 5, values, 0, 64, 64, out, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> VECTOR.weightedSum(p, 4, values, 1, 64, 64, out, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> VECTOR.weightedSum(p, 4, values, 0, 64, 64, out, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> VECTOR.weightedSum(p, 4, values, -1, 64, 64, out, 0));
    assertThrows(IllegalArgumentException.class, () -> VECTOR.weightedSum(p, 4, values, 0, 32, 64, out, 0));
  }
}
