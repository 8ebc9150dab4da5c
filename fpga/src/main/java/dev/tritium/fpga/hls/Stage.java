package dev.tritium.fpga.hls;

import java.util.Locale;

/**
 * One BitLinear shape of the exported kernel: y[TOKENS][N] = dequant(W[N][K] . quant(x[TOKENS][K])).
 * A stage is a set of compile-time constants plus its generated functions ({@link StageEmitter});
 * stages of equal shape share them (gate and up of the FFN).
 *
 * @param name lower-case C prefix, e.g. {@code q_proj}
 */
public record Stage(String name, int k, int n, int tokens, KernelPlan plan) {

  public Stage {
    if (k < 1 || n < 1 || tokens < 1) {
      throw new IllegalArgumentException("stage " + name + " needs K, N and tokens >= 1, got K=" + k + " N=" + n
          + " tokens=" + tokens);
    }
  }

  /** Upper-case macro prefix. */
  public String macro() {
    return name.toUpperCase(Locale.ROOT);
  }

  /** Bytes of one packed weight row. */
  public long rowBytes() {
    return plan.packing().packedRowBytes(k);
  }

  /** Units along K: weights on the MAC array, weight groups on the LUT core. */
  public int units() {
    return ceilDiv(k, plan.groupSize());
  }

  public int kTiles() {
    return ceilDiv(units(), plan.tileUnits());
  }

  public int nTiles() {
    return ceilDiv(n, plan.tileN());
  }

  /** K rounded up to whole tiles (the quantized activation buffer, zero past K). */
  public int kPadded() {
    return kTiles() * plan.tileK();
  }

  /**
   * Bits a signed accumulator needs for this K: |acc| <= 127 K because the absmax quantizer never
   * emits -128 (models BitLinear), so {@code bitLength(127 K) + 1}.
   */
  public int accumulatorBitsNeeded() {
    return 64 - Long.numberOfLeadingZeros(127L * k) + 1;
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
