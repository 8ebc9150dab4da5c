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
}
