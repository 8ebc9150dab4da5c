package dev.tritium.isa;

/**
 * GEMM.IW: integer weights on integer activations on the MAC array's integer multipliers (the PEs'
 * {@code int_multipliers}), for the multi-bit integer formats (w8a8, Atom W4A4):
 * {@code ACC[m][n] (+)= sum_k W[n][k] * A[m][k]}, exact in int32 (two's complement wrap). W is n packed rows in WGT:
 * int8, one byte per weight, or int4, {@code ceil(k / 2)} bytes per row with weight k in byte {@code k / 2}, even k
 * in the low nibble and odd k in the high nibble, each a two's complement nibble. A is one signed byte per value in
 * ACT, rows at ACT_ROW_STRIDE_BYTES (0: dense, k bytes); with int4 activations every byte must hold a value in
 * [-8, 7]. ACC is int32 [m][n], rows at ACC_ROW_STRIDE_BYTES (0: dense, 4n bytes) (isa/README.md).
 */
public record GemmIw(Deps deps, long wgtAddr, long actAddr, long accAddr, int m, int n, int k, IntWidth weights,
    IntWidth activations, boolean accumulate) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitGemmIw(this);
  }

  public GemmIw {
    java.util.Objects.requireNonNull(deps, "deps");
    java.util.Objects.requireNonNull(weights, "weights");
    java.util.Objects.requireNonNull(activations, "activations");
  }

  /** The multiplier width the PEs need: the wider of the two operands. */
  public int multiplierBits() {
    return Math.max(weights.bits(), activations.bits());
  }

  @Override
  public Opcode opcode() {
    return Opcode.GEMM_IW;
  }

  @Override
  public GemmIw withDeps(Deps d) {
    return new GemmIw(d, wgtAddr, actAddr, accAddr, m, n, k, weights, activations, accumulate);
  }
}
