package dev.tritium.isa;

/**
 * GEMM.T: ternary MAC-array tile {@code ACC[m][n] (+)= sum_k W[n][k] * ACT[m][k]}. W is n packed rows
 * of k weights at wgtAddr (row i at {@code wgtAddr + i * packing.packedRowBytes(k)}); ACT rows use the
 * ACT_ROW_STRIDE_BYTES register, ACC rows the ACC_ROW_STRIDE_BYTES register. accumulate=false
 * overwrites ACC, true adds. The unit folds tiles larger than its array itself.
 */
public record GemmTernary(Deps deps, long wgtAddr, long actAddr, long accAddr, int m, int n, int k,
    Packing packing, boolean accumulate) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitGemmTernary(this);
  }

  public GemmTernary {
    java.util.Objects.requireNonNull(deps, "deps");
    java.util.Objects.requireNonNull(packing, "packing");
  }

  @Override
  public Opcode opcode() {
    return Opcode.GEMM_T;
  }

  @Override
  public GemmTernary withDeps(Deps d) {
    return new GemmTernary(d, wgtAddr, actAddr, accAddr, m, n, k, packing, accumulate);
  }
}
