package dev.tritium.isa;

/**
 * GEMM.Q2: 2-bit asymmetric weight codes applied to fp32 activations on the MAC array's fp32 adders, for QuIP's
 * {@code quip-w2}: {@code OUT[m][n] (+)= sum_k (q[n][k] - z[n]) * A[m][k]}. Each weight row in WGT is {@code k + 1}
 * two-bit fields, four to a byte from bit 0 ({@link #rowBytes}): field 0 is the row's zero point z, fields 1..k its
 * codes q (0..3). A is fp32 in VEC, rows at ACT_ROW_STRIDE_BYTES (0: dense, 4k bytes); OUT is fp32 in VEC, rows at
 * ACC_ROW_STRIDE_BYTES (0: dense, 4n bytes). Per output: {@code s = 0f} (or OUT with accumulate), then for k = 0, 1,
 * ...: {@code s = s + (float) (q - z) * a}, the product and the sum each rounded to fp32 (isa/README.md). The
 * products need no multiplier: {@code |q - z| <= 3}, and {@code 3a = a + 2a} rounds once as the product does.
 */
public record GemmQ2(Deps deps, long wgtAddr, long actAddr, long outAddr, int m, int n, int k, boolean accumulate)
    implements Instruction {

  public GemmQ2 {
    java.util.Objects.requireNonNull(deps, "deps");
  }

  /** Bytes of one weight row of k codes: the zero point and the codes, 2 bits each, {@code ceil((k + 1) / 4)}. */
  public static long rowBytes(long k) {
    return (k + 1 + 3) / 4;
  }

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitGemmQ2(this);
  }

  @Override
  public Opcode opcode() {
    return Opcode.GEMM_Q2;
  }

  @Override
  public GemmQ2 withDeps(Deps d) {
    return new GemmQ2(d, wgtAddr, actAddr, outAddr, m, n, k, accumulate);
  }
}
