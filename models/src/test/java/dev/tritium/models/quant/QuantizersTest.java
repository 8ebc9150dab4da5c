package dev.tritium.models.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-computed cases for the quantizers: ties at .5, all-zero inputs, absmax exactly 127. */
class QuantizersTest {

  @Test
  void roundHalfEvenTies() {
    assertEquals(0f, Quantizers.roundHalfEven(0.5f));
    assertEquals(2f, Quantizers.roundHalfEven(1.5f));
    assertEquals(2f, Quantizers.roundHalfEven(2.5f));
    assertEquals(-2f, Quantizers.roundHalfEven(-2.5f));
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(Quantizers.roundHalfEven(-0.5f)));
    assertEquals(1f, Quantizers.roundHalfEven(0.50000006f));
  }

  @Test
  void weightTiesAtHalfTheMean() {
    // |W| mean = (0.5 + 1.5 + 0 + 2) / 4 = 1 -> s_w = 1; 0.5 -> 0 (tie to even), 1.5 -> 2 -> clamp 1
    TernaryWeights q = Quantizers.quantizeWeights(new float[] {0.5f, -1.5f, 0f, 2f}, 2, 2);
    assertEquals(1f, q.scale());
    assertArrayEquals(new byte[] {0, -1, 0, 1}, q.values());
  }

  @Test
  void allZeroWeightsUseTheEpsilonFloor() {
    TernaryWeights q = Quantizers.quantizeWeights(new float[] {0f, 0f}, 1, 2);
    assertEquals(1f / 1e-5f, q.scale());
    assertArrayEquals(new byte[] {0, 0}, q.values());
  }

  @Test
  void absmaxExactly127HasScaleOne() {
    QuantizedActivations q = Quantizers.quantizeActivations(new float[] {127f, -127f, 63.5f, 0.5f}, 1, 4);
    assertEquals(1f, q.scales()[0]);
    assertArrayEquals(new byte[] {127, -127, 64, 0}, q.values());
  }

  @Test
  void allZeroInputGivesEpsilonScaleAndZeros() {
    QuantizedActivations q = Quantizers.quantizeActivations(new float[] {0f, 0f, 0f}, 1, 3);
    assertEquals(127f / 1e-5f, q.scales()[0]);
    assertArrayEquals(new byte[] {0, 0, 0}, q.values());
  }

  @Test
  void scalesArePerToken() {
    QuantizedActivations q = Quantizers.quantizeActivations(new float[] {1f, -2f, 10f, 5f}, 2, 2);
    assertArrayEquals(new float[] {63.5f, 12.7f}, q.scales());
    assertArrayEquals(new byte[] {64, -127, 127, 64}, q.values());
  }

  /** The definition the fast int8 conversion must equal: round half to even through double, then clamp. */
  private static byte definition(float r) {
    return (byte) Math.max(-128f, Math.min(127f, Quantizers.roundHalfEven(r)));
  }

  @Test
  void theFastInt8ConversionEqualsRoundThenClampAtEveryTieAndBoundary() {
    java.util.List<Float> values = new java.util.ArrayList<>();
    for (int k = -300; k <= 300; k++) {
      float half = k + 0.5f;
      // every tie, its neighbours one and two ulps away, and the integers themselves
      for (float v : new float[] {k, half, Math.nextUp(half), Math.nextDown(half), Math.nextUp(Math.nextUp(half)),
          Math.nextDown(Math.nextDown(half)), Math.nextUp((float) k), Math.nextDown((float) k)}) {
        values.add(v);
      }
    }
    for (float v : new float[] {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, -1e-30f,
        127.49999f, 127.5f, 127.50001f, 128.5f, -128.49998f, -128.5f, -128.50002f, -129.5f, 4194303.5f, 8388607f,
        8388608.5f, 16777216f, 1e9f, -1e9f, Float.MAX_VALUE, -Float.MAX_VALUE}) {
      values.add(v);
    }
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      values.add((float) (rnd.nextDouble(-140, 140)));
      values.add(Float.intBitsToFloat(rnd.nextInt()));
    }
    for (float v : values) {
      if (Float.isFinite(v)) {
        assertEquals(definition(v), Quantizers.toInt8(v), () -> "r = " + v + " (bits " + Integer.toHexString(
            Float.floatToRawIntBits(v)) + ")");
      }
    }
  }

  @Test
  void aNonFiniteActivationIsNamedByItsIndex() {
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> Quantizers.activationScale(new float[] {1f, 2f, bad, Float.NaN}, 1, 3));
      assertEquals("activation holds a non-finite value at index 2: " + bad, e.getMessage());
    }
    assertEquals(127f / 3f, Quantizers.activationScale(new float[] {-3f, 2f, -0f}, 0, 3));
    assertEquals(127f / 1e-5f, Quantizers.activationScale(new float[] {-0f, 0f}, 0, 2));
  }
}
