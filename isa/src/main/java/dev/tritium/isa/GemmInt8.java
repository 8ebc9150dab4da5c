package dev.tritium.isa;

/**
 * GEMM.I8: int8 x int8 tile for attention, {@code ACC[m][n] (+)= sum_k A[m][k] * B[n][k]}, or
 * {@code B[k][n]} when transposeB. A and B live in ACT; A rows and B rows use ACT_ROW_STRIDE_BYTES
 * (0: dense, k bytes per row of A and of untransposed B, n bytes per row of transposed B).
 */
public record GemmInt8(Deps deps, long aAddr, long bAddr, long accAddr, int m, int n, int k,
    boolean transposeB, boolean accumulate) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitGemmInt8(this);
  }

  public GemmInt8 {
    java.util.Objects.requireNonNull(deps, "deps");
  }

  @Override
  public Opcode opcode() {
    return Opcode.GEMM_I8;
  }

  @Override
  public GemmInt8 withDeps(Deps d) {
    return new GemmInt8(d, aAddr, bAddr, accAddr, m, n, k, transposeB, accumulate);
  }
}
