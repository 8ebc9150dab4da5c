package dev.tritium.simulator.functional;

import dev.tritium.isa.IntWidth;

/**
 * GEMM.IW multiply-accumulates on the MAC array's integer multipliers (m * n * k per instruction, zeros included: the
 * multiplier runs on every pair), by weight and activation width, since each pair of widths is priced on its own.
 */
public record IntArrayMacs(long w8a8, long w8a4, long w4a8, long w4a4) {

  public static final IntArrayMacs NONE = new IntArrayMacs(0, 0, 0, 0);

  public IntArrayMacs {
    if (w8a8 < 0 || w8a4 < 0 || w4a8 < 0 || w4a4 < 0) {
      throw new IllegalArgumentException("MAC counts must be >= 0, got " + w8a8 + ", " + w8a4 + ", " + w4a8 + ", "
          + w4a4);
    }
  }

  /** The MACs of one pair of widths. */
  public long macs(IntWidth weights, IntWidth activations) {
    return switch (weights) {
      case INT8 -> activations == IntWidth.INT8 ? w8a8 : w8a4;
      case INT4 -> activations == IntWidth.INT8 ? w4a8 : w4a4;
    };
  }

  /** Every GEMM.IW MAC. */
  public long total() {
    return w8a8 + w8a4 + w4a8 + w4a4;
  }

  /** These counts plus {@code macs} of one pair of widths. */
  public IntArrayMacs plus(IntWidth weights, IntWidth activations, long macs) {
    boolean w8 = weights == IntWidth.INT8;
    boolean a8 = activations == IntWidth.INT8;
    return new IntArrayMacs(w8a8 + (w8 && a8 ? macs : 0), w8a4 + (w8 && !a8 ? macs : 0),
        w4a8 + (!w8 && a8 ? macs : 0), w4a4 + (!w8 && !a8 ? macs : 0));
  }
}
