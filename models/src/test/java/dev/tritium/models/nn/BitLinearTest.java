package dev.tritium.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.quant.TernaryWeights;
import org.junit.jupiter.api.Test;

/** Hand-computed BitLinear cases: all-zero rows and inputs, max magnitudes. */
class BitLinearTest {

  @Test
  void allZeroRowGivesZeroAndAllZeroInputGivesZero() {
    TernaryWeights w = new TernaryWeights(new byte[] {0, 0, 0, 1, -1, 1}, 2, 3, 2f);
    float[] y = BitLinear.forward(w, new float[] {1f, 2f, 3f}, 1);
    // x scale 127/3; xq = [42, 85, 127] (42.33 -> 42, 84.67 -> 85); acc = [0, 42 - 85 + 127 = 84]
    assertArrayEquals(new int[] {0, 84},
        BitLinear.accumulate(w, Quantizers.quantizeActivations(new float[] {1f, 2f, 3f}, 1, 3)));
    assertEquals(0f, y[0]);
    assertEquals(84f / (2f * (127f / 3f)), y[1]);
    float[] z = BitLinear.forward(w, new float[] {0f, 0f, 0f}, 1);
    assertArrayEquals(new float[] {0f, 0f}, z);
  }

  @Test
  void maxMagnitudeAccumulator() {
    int k = 6912;
    byte[] w = new byte[k];
    java.util.Arrays.fill(w, (byte) -1);
    byte[] x = new byte[k];
    java.util.Arrays.fill(x, (byte) 127);
    int[] acc = BitLinear.accumulate(new TernaryWeights(w, 1, k, 1f), new QuantizedActivations(x, 1, k, new float[] {1f}));
    assertEquals(-127 * k, acc[0]);
  }

  @Test
  void dequantizeDividesByTheProductOfScales() {
    float[] y = BitLinear.dequantize(new int[] {254, -127}, 1, 2, 2f, new float[] {127f});
    assertArrayEquals(new float[] {1f, -0.5f}, y);
  }
}
