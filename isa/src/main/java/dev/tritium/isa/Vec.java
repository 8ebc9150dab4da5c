package dev.tritium.isa;

/**
 * VEC.&lt;op&gt;: vector-unit op over [rows][len] elements, dense rows. Which buffers dst, src_a and
 * src_b address depends on the op (README table); imm is a {@link #IMM_BITS}-bit unsigned integer (SOFTMAX causal
 * length, ROPE position).
 */
public record Vec(Deps deps, VecOp op, long dstAddr, long srcAAddr, long srcBAddr, int rows, int len,
    int imm) implements Instruction {

  /**
   * Width of the imm field: 15 bits, so that the op field has 5 (32 ops). The largest ROPE position, and so the longest
   * context a decoder layer can run, is {@link #MAX_IMM}.
   */
  public static final int IMM_BITS = 15;

  /** The largest imm: 32767. */
  public static final int MAX_IMM = (1 << IMM_BITS) - 1;

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitVec(this);
  }

  public Vec {
    java.util.Objects.requireNonNull(deps, "deps");
    java.util.Objects.requireNonNull(op, "op");
  }

  @Override
  public Opcode opcode() {
    return Opcode.VEC;
  }

  @Override
  public String mnemonic() {
    return "VEC." + op.name();
  }

  @Override
  public Vec withDeps(Deps d) {
    return new Vec(d, op, dstAddr, srcAAddr, srcBAddr, rows, len, imm);
  }
}
