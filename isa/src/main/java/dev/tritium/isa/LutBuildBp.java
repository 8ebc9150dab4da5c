package dev.tritium.isa;

/**
 * LUT.BUILD.BP: T-MAC's subset-sum tables of unsigned activation codes for LUT.GEMM.BP, on the LUT core
 * ({@code lut_core.bit_plane}), for {@code abq-wpaq:w=P,a=Q}. Activation row i in ACT is QUANT.BP's byte layout
 * (its {@code bytes} flag): byte 0 the row's zero-point z_x, then one byte per unsigned code u_x; row i sits at
 * {@code actAddr + i * ACT_ROW_STRIDE_BYTES} (0: {@code 1 + k0 + k}). The build reads the k codes of columns
 * {@code k0 .. k0 + k - 1} (bytes {@code 1 + k0 + c}), so one QUANT.BP row serves every K chunk of a LUT too small for
 * the whole row. For group q < ceil(k/g) (g = 2 or 4) entry e (0 .. 2^g - 1) is the int16
 * <pre>
 * T_i[q][e] = sum over the bits u set in e, q*g + u < k, of (u_x[i][k0 + q*g + u] - z_x[i])
 * </pre>
 * (|entry| <= 4 * 255 fits int16; columns past k contribute 0). The zero-point is folded into the entries so that
 * LUT.GEMM.BP needs neither z_x nor the weights' popcounts. Token i's tables go to LUT at
 * {@code lutAddr + i * LUT_ROW_STRIDE_BYTES} (0: {@link #rowBytes}), table q at {@code + q 2^(g+1)}, little-endian.
 */
public record LutBuildBp(Deps deps, long actAddr, long lutAddr, int m, int k, int k0, int groupSize)
    implements Instruction {

  public LutBuildBp {
    java.util.Objects.requireNonNull(deps, "deps");
  }

  /** Whether g is one LUT.BUILD.BP and LUT.GEMM.BP take: 2 or 4, so a group's g bits never straddle a plane byte. */
  public static boolean validGroupSize(int g) {
    return g == 2 || g == 4;
  }

  /** Bytes of one int16 table of 2^g entries. */
  public static long tableBytes(int g) {
    return 2L << g;
  }

  /** Bytes of one token's tables over k columns: ceil(k/g) tables. */
  public static long rowBytes(long k, int g) {
    return (k + g - 1) / g * tableBytes(g);
  }

  /** Bytes of one activation row as the build reads it: the zero-point byte through the chunk's last code. */
  public long activationRowBytes() {
    return 1L + k0 + k;
  }

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitLutBuildBp(this);
  }

  @Override
  public Opcode opcode() {
    return Opcode.LUT_BUILD_BP;
  }

  @Override
  public LutBuildBp withDeps(Deps d) {
    return new LutBuildBp(d, actAddr, lutAddr, m, k, k0, groupSize);
  }
}
