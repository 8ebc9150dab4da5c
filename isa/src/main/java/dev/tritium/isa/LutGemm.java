package dev.tritium.isa;

/**
 * LUT.GEMM: lookup-accumulate {@code ACC[m][n] (+)= sum_groups table[m][group][index[n][group]]}.
 * Weight-group indices (n rows packed per {@code packing}) at wgtAddr, tables at lutAddr (as LUT.BUILD
 * wrote them), ACC rows per ACC_ROW_STRIDE_BYTES.
 */
public record LutGemm(Deps deps, long wgtAddr, long lutAddr, long accAddr, int m, int n, int k,
    Packing packing, boolean accumulate) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitLutGemm(this);
  }

  public LutGemm {
    java.util.Objects.requireNonNull(deps, "deps");
    java.util.Objects.requireNonNull(packing, "packing");
  }

  @Override
  public Opcode opcode() {
    return Opcode.LUT_GEMM;
  }

  @Override
  public LutGemm withDeps(Deps d) {
    return new LutGemm(d, wgtAddr, lutAddr, accAddr, m, n, k, packing, accumulate);
  }
}
