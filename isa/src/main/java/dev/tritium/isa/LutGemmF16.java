package dev.tritium.isa;

/**
 * LUT.GEMM.F16: lookup-accumulate over fp16 tables (LUT.BUILD.F16) into fp32:
 * {@code OUT[m][n] (+)= sum_groups table[m][group][index[n][group]]}. Per output {@code s = 0f} (or OUT with
 * accumulate), then for each group in ascending order {@code s = s + fp32(entry)} (the mirror variants' sign bit
 * negates the entry), each sum rounded to fp32 (isa/README.md). Weight indices packed as for LUT.GEMM (not
 * BIT_PLANES: its offset code needs integer tables) at wgtAddr, OUT fp32 in VEC at ACC_ROW_STRIDE_BYTES (0: dense
 * 4n). Needs {@code lut_core.float_adders}.
 */
public record LutGemmF16(Deps deps, long wgtAddr, long lutAddr, long outAddr, int m, int n, int k,
    Packing packing, boolean accumulate) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitLutGemmF16(this);
  }

  public LutGemmF16 {
    java.util.Objects.requireNonNull(deps, "deps");
    java.util.Objects.requireNonNull(packing, "packing");
  }

  @Override
  public Opcode opcode() {
    return Opcode.LUT_GEMM_F16;
  }

  @Override
  public LutGemmF16 withDeps(Deps d) {
    return new LutGemmF16(d, wgtAddr, lutAddr, outAddr, m, n, k, packing, accumulate);
  }
}
