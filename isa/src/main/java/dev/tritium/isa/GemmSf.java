package dev.tritium.isa;

/**
 * GEMM.SF: ternary or binary weights applied to fp32 activations by fp32 adders in the MAC array (the PEs'
 * {@code float_adders}), for the weight formats with fp16 activations (OneBit, PB-LLM, BiLLM, TernaryLLM):
 * {@code OUT[m][n] (+)= sum_k W[n][k] (.) A[m][k]}. Weights are packed rows in WGT (TWO_BIT, BASE3 or SIGN_BITS);
 * A is fp32 in VEC, rows at ACT_ROW_STRIDE_BYTES (0: dense, 4k bytes); OUT is fp32 in VEC, rows at
 * ACC_ROW_STRIDE_BYTES (0: dense, 4n bytes). Per output: {@code s = 0f} (or OUT with accumulate), then for k = 0,
 * 1, ...: {@code s = s + a} for w = +1, {@code s = s - a} for w = -1, nothing for w = 0, each sum rounded to fp32
 * (isa/README.md).
 */
public record GemmSf(Deps deps, long wgtAddr, long actAddr, long outAddr, int m, int n, int k, Packing packing,
    boolean accumulate) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitGemmSf(this);
  }

  public GemmSf {
    java.util.Objects.requireNonNull(deps, "deps");
    java.util.Objects.requireNonNull(packing, "packing");
  }

  @Override
  public Opcode opcode() {
    return Opcode.GEMM_SF;
  }

  @Override
  public GemmSf withDeps(Deps d) {
    return new GemmSf(d, wgtAddr, actAddr, outAddr, m, n, k, packing, accumulate);
  }
}
