package dev.tritium.isa;

/**
 * LUT.BUILD: for each of m tokens of int8 ACT [m][k] and each of ceil(k/g) groups of g activations
 * (the last group zero-padded), writes the table of partial sums (int16 entries, count given by the
 * variant) to LUT at {@code lutAddr + token * lutRowStride + group * tableBytes}.
 */
public record LutBuild(Deps deps, long actAddr, long lutAddr, int m, int k, int groupSize,
    LutVariant variant) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitLutBuild(this);
  }

  public LutBuild {
    java.util.Objects.requireNonNull(deps, "deps");
    java.util.Objects.requireNonNull(variant, "variant");
  }

  @Override
  public Opcode opcode() {
    return Opcode.LUT_BUILD;
  }

  @Override
  public LutBuild withDeps(Deps d) {
    return new LutBuild(d, actAddr, lutAddr, m, k, groupSize, variant);
  }
}
