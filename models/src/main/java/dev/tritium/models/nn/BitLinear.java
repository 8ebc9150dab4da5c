package dev.tritium.models.nn;

import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.quant.TernaryWeights;

/**
 * The reference BitLinear: {@code acc = Wq . xq} in exact integer arithmetic, then
 * {@code y = acc / (s_w * s_x)} in fp32, with the product {@code s_w * s_x} rounded to fp32 first and
 * {@code acc} converted to fp32 before the one division.
 *
 * <p>Accumulator width: |acc| <= 127 * K (the quantizer never emits -128), so a signed accumulator of
 * {@code ceil(log2(127 K + 1)) + 1} bits is provably enough: 20 bits for K = 2560, 21 bits for K = 6912.
 * int32 holds any K below 16.9 M.
 */
public final class BitLinear {

  private BitLinear() {}

  /**
   * Bits of the narrowest signed accumulator that holds every Wq . xq of reduction length K:
   * {@code bitLength(127 K) + 1} (|acc| <= 127 K). Designs, exports and estimates check their accumulators
   * against this one rule.
   */
  public static int accumulatorBitsNeeded(int k) {
    return 64 - Long.numberOfLeadingZeros(127L * k) + 1;
  }

  /** int32 accumulators [tokens][rows] of W (rows x K) times activations (tokens x K). */
  public static int[] accumulate(TernaryWeights w, QuantizedActivations x) {
    if (w.cols() != x.features()) {
      throw new IllegalArgumentException(
          "BitLinear shape mismatch: weights have K = " + w.cols() + ", activations have K = " + x.features());
    }
    int n = w.rows();
    int k = w.cols();
    int[] acc = new int[x.tokens() * n];
    byte[] wv = w.values();
    byte[] xv = x.values();
    for (int t = 0; t < x.tokens(); t++) {
      int xo = t * k;
      for (int r = 0; r < n; r++) {
        int wo = r * k;
        int sum = 0;
        for (int i = 0; i < k; i++) {
          sum += wv[wo + i] * xv[xo + i];
        }
        acc[t * n + r] = sum;
      }
    }
    return acc;
  }

  /** {@code y = acc / (s_w * s_x)} per token, fp32. */
  public static float[] dequantize(int[] acc, int tokens, int rows, float weightScale, float[] activationScales) {
    float[] y = new float[tokens * rows];
    for (int t = 0; t < tokens; t++) {
      float denom = weightScale * activationScales[t];
      for (int r = 0; r < rows; r++) {
        y[t * rows + r] = (float) acc[t * rows + r] / denom;
      }
    }
    return y;
  }

  /** Full BitLinear on float activations x [tokens][K]: quantize, accumulate, dequantize. */
  public static float[] forward(TernaryWeights w, float[] x, int tokens) {
    QuantizedActivations q = Quantizers.quantizeActivations(x, tokens, w.cols());
    int[] acc = accumulate(w, q);
    return dequantize(acc, tokens, w.rows(), w.scale(), q.scales());
  }
}
