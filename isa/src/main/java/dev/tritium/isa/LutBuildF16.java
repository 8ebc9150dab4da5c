package dev.tritium.isa;

/**
 * LUT.BUILD.F16: fp16 tables for fp32 activations, on a LUT core with fp adders ({@code lut_core.float_adders}),
 * for the weight formats with fp16 activations (OneBit, PB-LLM, BiLLM, TernaryLLM). For each of m tokens of fp32 A
 * [m][k] in VEC (rows at ACT_ROW_STRIDE_BYTES, 0: dense 4k) and each of ceil(k/g) groups of g activations (the last
 * zero-padded), writes the table of the variant's weight patterns to LUT at {@code lutAddr + token * lutRowStride +
 * group * tableBytes}: entry e is {@code fp16(s)}, s the fp32 sum of the pattern's nonzero weights times their
 * activations taken in u order ({@code s = 0f; s = s + x_u} for w_u = +1, {@code s = s - x_u} for w_u = -1), rounded
 * to nearest even once to fp16 (isa/README.md, "LUT tables"). Same table layout as LUT.BUILD (2 bytes an entry).
 */
public record LutBuildF16(Deps deps, long actAddr, long lutAddr, int m, int k, int groupSize,
    LutVariant variant) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitLutBuildF16(this);
  }

  public LutBuildF16 {
    java.util.Objects.requireNonNull(deps, "deps");
    java.util.Objects.requireNonNull(variant, "variant");
  }

  @Override
  public Opcode opcode() {
    return Opcode.LUT_BUILD_F16;
  }

  @Override
  public LutBuildF16 withDeps(Deps d) {
    return new LutBuildF16(d, actAddr, lutAddr, m, k, groupSize, variant);
  }
}
