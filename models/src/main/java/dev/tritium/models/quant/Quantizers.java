package dev.tritium.models.quant;

/**
 * BitNet b1.58 quantizers, exactly as models/README.md ("Numerics") specifies them. All arithmetic is fp32 except the
 * weight mean, see {@link #weightScale}.
 */
public final class Quantizers {

  /** Lower clamp for both scales' denominators. */
  public static final float EPS = 1e-5f;

  private Quantizers() {}

  /**
   * Round half to even in fp32, as PyTorch's {@code round}. {@link Math#round} rounds half up and is
   * wrong here; {@link Math#rint} is exact for every float (a float's rint is representable).
   */
  public static float roundHalfEven(float v) {
    return (float) Math.rint(v);
  }

  /**
   * {@code s_w = 1 / max(mean(|W|), 1e-5)}. The mean's sum is taken in fp64 and the quotient is
   * rounded once to fp32: this is the correctly rounded fp32 mean for any tensor up to 2^29
   * elements, and so does not depend on a summation order the way an fp32 reduction would.
   */
  public static float weightScale(float[] w) {
    if (w.length == 0) {
      throw new IllegalArgumentException("cannot quantize an empty weight tensor");
    }
    double sum = 0;
    for (float v : w) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("weight tensor holds a non-finite value: " + v);
      }
      sum += Math.abs(v);
    }
    float mean = (float) (sum / w.length);
    return 1.0f / Math.max(mean, EPS);
  }

  /** Absmean ternary quantization: {@code Wq = clamp(roundHalfEven(W * s_w), -1, 1)}; W is [rows][cols]. */
  public static TernaryWeights quantizeWeights(float[] w, int rows, int cols) {
    if ((long) rows * cols != w.length) {
      throw new IllegalArgumentException("weight tensor " + rows + "x" + cols + " needs " + (long) rows * cols
          + " values, got " + w.length);
    }
    float scale = weightScale(w);
    byte[] q = new byte[w.length];
    for (int i = 0; i < w.length; i++) {
      float r = roundHalfEven(w[i] * scale);
      q[i] = (byte) Math.max(-1f, Math.min(1f, r));
    }
    return new TernaryWeights(q, rows, cols, scale);
  }

  /**
   * {@code s_x = 127 / max(max(|x|), 1e-5)} for one token's features x[offset, offset+length). The maximum of
   * non-negative values is exact in any order; a plain comparison stands in for {@link Math#max}, whose NaN and
   * signed-zero handling costs several instructions per element (|x| is never -0 and a NaN fails the finiteness
   * test, which then names the first non-finite value).
   */
  public static float activationScale(float[] x, int offset, int length) {
    float absMax = 0f;
    boolean finite = true;
    for (int i = offset; i < offset + length; i++) {
      float a = Math.abs(x[i]);
      absMax = a > absMax ? a : absMax;
      finite &= a <= Float.MAX_VALUE;
    }
    if (!finite) {
      for (int i = offset; i < offset + length; i++) {
        if (!Float.isFinite(x[i])) {
          throw new IllegalArgumentException("activation holds a non-finite value at index " + i + ": " + x[i]);
        }
      }
    }
    return 127.0f / Math.max(absMax, EPS);
  }

  /**
   * {@code clamp(roundHalfEven(r), -128, 127)} for a finite r, in a form C2 compiles to a few instructions (a decode
   * token quantizes 438,000 activations; {@code Math.rint} through double and {@code Math.max/min} took 4-5 ns
   * each). Clamping first gives the same value, because rounding is monotonic and leaves the integers -128 and 127
   * in place. Then r + 1.5 * 2^23 lies in [2^23, 2^24), where fp32 holds exactly the integers, so the add rounds r
   * to an integer half to even (the IEEE default), and subtracting 1.5 * 2^23 again is exact.
   */
  static byte toInt8(float r) {
    float c = r < -128f ? -128f : (r > 127f ? 127f : r);
    return (byte) (int) ((c + ROUND_MAGIC) - ROUND_MAGIC);
  }

  /** 1.5 * 2^23, see {@link #toInt8}. */
  private static final float ROUND_MAGIC = 12582912f;

  /**
   * Per-token absmax int8 quantization: {@code xq = clamp(roundHalfEven(x * s_x), -128, 127)}; x is
   * [tokens][features]. With absmax scaling |x * s_x| never exceeds 127 by more than rounding, so -128
   * does not occur from this quantizer; kernels may rely on that only if they check it.
   */
  public static QuantizedActivations quantizeActivations(float[] x, int tokens, int features) {
    if ((long) tokens * features != x.length) {
      throw new IllegalArgumentException("activation tensor " + tokens + "x" + features + " needs "
          + (long) tokens * features + " values, got " + x.length);
    }
    byte[] q = new byte[x.length];
    float[] scales = new float[tokens];
    for (int t = 0; t < tokens; t++) {
      int off = t * features;
      float s = activationScale(x, off, features);
      scales[t] = s;
      for (int k = 0; k < features; k++) {
        q[off + k] = toInt8(x[off + k] * s);
      }
    }
    return new QuantizedActivations(q, tokens, features, scales);
  }
}
