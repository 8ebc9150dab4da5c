package dev.tritium.isa;

/**
 * GEMM.F16: fp16 x fp16 tile on the vector unit's fp32 lanes, for fp16 attention:
 * {@code VEC[m][n] (+)= sum_k A[m][k] * B[n][k]}, or {@code B[k][n]} when transposeB. A and B are IEEE binary16
 * values (2 bytes each, little-endian) in ACT, their rows at ACT_ROW_STRIDE_BYTES (0: dense, 2k bytes per row of A
 * and of untransposed B, 2n bytes per row of transposed B); C is fp32 in VEC, dense rows of 4n bytes. Each product
 * of two fp16 values is exact in fp32; the sum runs k = 0, 1, ... in fp32 from 0 (or from C with accumulate),
 * rounding after every add (isa/README.md).
 */
public record GemmF16(Deps deps, long aAddr, long bAddr, long cAddr, int m, int n, int k, boolean transposeB,
    boolean accumulate) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitGemmF16(this);
  }

  public GemmF16 {
    java.util.Objects.requireNonNull(deps, "deps");
  }

  @Override
  public Opcode opcode() {
    return Opcode.GEMM_F16;
  }

  @Override
  public GemmF16 withDeps(Deps d) {
    return new GemmF16(d, aAddr, bAddr, cAddr, m, n, k, transposeB, accumulate);
  }
}
