package dev.tritium.isa;

/**
 * LUT.GEMM.BP: integer weight bit planes looked up in LUT.BUILD.BP's tables (T-MAC's decomposition), on the LUT core
 * ({@code lut_core.bit_plane}). Weight row j in WGT is exactly GEMM.BP's ({@link GemmBp#rowBytes}{@code (P, k)}
 * bytes, rows contiguous: the zero-point z_w[j] < 2^P, then P planes of ceil(k/8) bytes, column c at bit c % 8 of
 * byte c / 8), so the same packed rows serve the MAC array's bit-plane PEs and the LUT core. With g = 2 or 4 the
 * index of group q in plane p is the g bits of columns q*g .. q*g + g - 1 (column q*g in bit 0), never straddling a
 * byte. Token i's tables are at {@code lutAddr + i * LUT_ROW_STRIDE_BYTES}. In int32 (two's complement wrap):
 * <pre>
 * ACC[i][j] (+)= sum_p 2^p sum_q T_i[q][idx_p(j, q)] - z_w[j] sum_q T_i[q][2^g - 1]
 * </pre>
 * which equals {@code sum_c (u_w[j][c] - z_w[j]) (u_x[i][c] - z_x[i])} (GEMM.BP's result): the entries already hold
 * {@code u_x - z_x} and are 0 past k, so plane bits of columns >= k add nothing (isa/README.md).
 */
public record LutGemmBp(Deps deps, long wgtAddr, long lutAddr, long accAddr, int m, int n, int k, int weightPlanes,
    int groupSize, boolean accumulate) implements Instruction {

  public LutGemmBp {
    java.util.Objects.requireNonNull(deps, "deps");
  }

  /** Bytes of one weight row in WGT. */
  public long weightRowBytes() {
    return GemmBp.rowBytes(weightPlanes, k);
  }

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitLutGemmBp(this);
  }

  @Override
  public Opcode opcode() {
    return Opcode.LUT_GEMM_BP;
  }

  @Override
  public LutGemmBp withDeps(Deps d) {
    return new LutGemmBp(d, wgtAddr, lutAddr, accAddr, m, n, k, weightPlanes, groupSize, accumulate);
  }
}
