package dev.tritium.models.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Every preset against the fp64 matmul of the latent weights on seeded Gaussian data (W ~ N(0, 0.02^2),
 * 192 x 384; x ~ N(0, 1), 3 tokens). Bounds are relative L2 errors over all outputs. For reference, sign
 * binarisation with the best single scale has relative weight error sqrt(1 - 2/pi) = 0.603 on Gaussian
 * weights; each bound sits a few percent above the measured error, so a worse quantizer fails.
 */
class FormatErrorBoundTest {

  private static final int N = 192;
  private static final int K = 384;
  private static final int T = 3;
  private static final float[] W = LatentWeights.gaussian(N, K, 0.02f, 2024);
  private static final float[] XS = LatentWeights.gaussian(T, K, 1f, 2025);

  /** Relative L2 error of apply(x) against W x, and of apply(x) against the dequantized matrix times x. */
  private static double[] errors(String spec) {
    QuantizedMatrix q = FormatPresets.parse(spec).quantize(W, N, K);
    return relativeErrors(q, W, XS, q.apply(XS, T), N, K, T);
  }

  /**
   * {relative L2 error of y against w x, relative L2 error of y against dequantize(q) x}, sums in fp64 (shared by
   * the part-2 formats' bounds).
   */
  static double[] relativeErrors(QuantizedMatrix q, float[] w, float[] xs, float[] y, int n, int k, int tokens) {
    float[] wd = q.dequantize();
    double err = 0;
    double errDeq = 0;
    double ref = 0;
    for (int t = 0; t < tokens; t++) {
      for (int r = 0; r < n; r++) {
        double exact = 0;
        double deq = 0;
        for (int c = 0; c < k; c++) {
          exact += (double) w[r * k + c] * xs[t * k + c];
          deq += (double) wd[r * k + c] * xs[t * k + c];
        }
        double v = y[t * n + r];
        err += (v - exact) * (v - exact);
        errDeq += (v - deq) * (v - deq);
        ref += exact * exact;
      }
    }
    return new double[] {Math.sqrt(err / ref), Math.sqrt(errDeq / ref)};
  }

  private static void check(String spec, double bound, double numericsBound) {
    double[] e = errors(spec);
    assertTrue(e[0] < bound, spec + ": relative error " + e[0] + " >= " + bound);
    assertTrue(e[1] < numericsBound, spec + ": apply vs dequantized " + e[1] + " >= " + numericsBound);
  }

  @Test
  void int8ActivationFormats() {
    // int8 absmax activations add ~0.5-1 % relative error on Gaussian inputs
    check("bitnet-b1.58", 0.55, 0.015);
    check("bitnet-w1", 0.65, 0.015);
  }

  @Test
  void fp16ActivationFormats() {
    check("onebit", 0.65, 1e-3);
    check("pb-llm:salient=0.1", 0.45, 1e-3);
    check("pb-llm:salient=0.1,index=csr", 0.45, 1e-3);
    check("billm", 0.40, 1e-3);
    check("ternaryllm:group=128", 0.55, 1e-3);
  }

  @Test
  void moreSalientWeightsAndSmallerGroupsHelp() {
    assertTrue(errors("pb-llm:salient=0.2")[0] < errors("pb-llm:salient=0.05")[0]);
    assertTrue(errors("ternaryllm:group=16")[0] < errors("ternaryllm:group=384")[0]);
    assertTrue(errors("billm")[0] < errors("bitnet-w1")[0]);
  }

  @Test
  void quantizersAreDeterministic() {
    for (FormatPreset p : FormatPresets.defaults()) {
      float[] a = p.quantize(W, N, K).apply(XS, T);
      float[] b = p.quantize(W.clone(), N, K).apply(XS.clone(), T);
      assertTrue(java.util.Arrays.equals(a, b), p.name());
    }
  }
}
