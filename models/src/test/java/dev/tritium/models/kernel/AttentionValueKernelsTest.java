package dev.tritium.models.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AttentionValueKernelsTest {

  @Test
  void thePlainSumIsSequentialFromPositiveZeroInKeyOrder() {
    // Column 0: 1e8 + 1 - 1e8 is 0 in this order (1 is lost), 1 in another. Column 1: -0 * 1 = -0, and 0f + -0f = +0.
    float[] p = {1f, 1f, -1f};
    float[] values = {1e8f, -0f, 99f, 1f, -0f, 99f, 1e8f, -0f, 99f};
    float[] out = new float[2];
    AttentionValueKernels.plain().weightedSum(p, 3, values, 0, 3, 2, out, 0);
    assertEquals(0f, out[0]);
    assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(out[1]), "the sum starts from +0f");
  }

  @Test
  void withoutTheVectorModuleAttentionRunsThePlainKernelAndSaysWhy() {
    assertSame(AttentionValueKernels.plain(), AttentionValueKernels.selection().kernel(),
        AttentionValueKernels.selection().reason());
    assertTrue(AttentionValueKernels.selection().reason().contains(VectorProviders.VECTOR_MODULE));
  }

  @Test
  void rangesOutsideTheArraysAreRefused() {
    float[] p = new float[2];
    float[] values = new float[8];
    float[] out = new float[4];
    AttentionValueKernel plain = AttentionValueKernels.plain();
    assertThrows(IndexOutOfBoundsException.class, () -> plain.weightedSum(p, 3, values, 0, 4, 4, out, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> plain.weightedSum(p, 2, values, 1, 4, 4, out, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> plain.weightedSum(p, 2, values, 0, 4, 4, out, 1));
    assertThrows(IllegalArgumentException.class, () -> plain.weightedSum(p, 2, values, 0, 3, 4, out, 0));
  }
}
