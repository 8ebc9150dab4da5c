package dev.tritium.fpga.hls;

/** How the testbench compares an output with its golden values. */
public sealed interface Comparison {

  /** Bit for bit (floats by their bit patterns, so -0 and +0 differ). */
  record Exact() implements Comparison {}

  /**
   * Within {@code maxUlps} units in the last place: for outputs that pass through libm's exp, which
   * may differ from Java's {@code Math.exp} by an ulp.
   */
  record WithinUlps(int maxUlps) implements Comparison {}

  /**
   * Exact when the named upstream output matched bit for bit; otherwise not comparable (an ulp of
   * difference upstream may move a quantization step) and reported as unchecked.
   */
  record ExactIfUpstreamExact(String upstream) implements Comparison {}

  Comparison EXACT = new Exact();
}
