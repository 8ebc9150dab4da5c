package dev.tritium.simulator.functional;

/**
 * What GEMM.Q2 did on the MAC array's fp32 adders: {@code pairs} code-activation pairs, each one PE add of the
 * shifted operand {@code (q - z) a} into the fp32 sum (m * n * k), and {@code edgeAdds}, the adds at the array's
 * edge that form each activation's {@code 2a = a + a} and {@code 3a = a + 2a} (2 * m * k). Value-independent.
 */
public record CodeArrayCounts(long pairs, long edgeAdds) {

  public static final CodeArrayCounts NONE = new CodeArrayCounts(0, 0);

  public CodeArrayCounts {
    if (pairs < 0 || edgeAdds < 0) {
      throw new IllegalArgumentException("GEMM.Q2 counts must be >= 0, got pairs " + pairs + ", edge adds " + edgeAdds);
    }
  }
}
