package dev.tritium.isa;

/**
 * GEMM.BP: unsigned integer codes as binary bit planes on the MAC array's bit-plane PEs (ABQ-LLM's decomposition,
 * {@code mac_array.bit_plane}), for {@code abq-wpaq:w=P,a=Q}. With {@code kb = ceil(k / 8)}:
 *
 * <ul>
 *   <li>weight row j in WGT, {@link #rowBytes}{@code (P, k)} bytes, rows contiguous: byte 0 is the row's zero-point
 *       z_w (an unsigned code below 2^P), then plane p (p = 0 .. P-1) at byte {@code 1 + p kb}: bit c of the plane
 *       is bit {@code c % 8} of its byte {@code c / 8}, bit p of the code u_w[j][c];</li>
 *   <li>activation row i in ACT the same with Q planes (zero-point z_x, then the planes of u_x[i]), rows at
 *       ACT_ROW_STRIDE_BYTES (0: dense, {@code rowBytes(Q, k)});</li>
 *   <li>ACC int32 [m][n], rows at ACC_ROW_STRIDE_BYTES (0: dense, 4n bytes).</li>
 * </ul>
 * Bits at columns {@code c >= k} of a plane's last byte are ignored. In int32 (two's complement wrap):
 * <pre>
 * ACC[i][j] (+)= sum_p sum_q 2^(p+q) popcount(W_p[j] AND A_q[i])
 *                - z_x[i] S_w[j] - z_w[j] S_x[i] + k z_w[j] z_x[i]
 * S_w[j] = sum_p 2^p popcount(W_p[j]),  S_x[i] = sum_q 2^q popcount(A_q[i])
 * </pre>
 * which equals {@code sum_c (u_w[j][c] - z_w[j]) (u_x[i][c] - z_x[i])}: the array's P x Q binary passes give the
 * first line, its edge the zero-point cross terms (isa/README.md). Rows with a zero zero-point give the plain popcount
 * product.
 */
public record GemmBp(Deps deps, long wgtAddr, long actAddr, long accAddr, int m, int n, int k, int weightPlanes,
    int activationPlanes, boolean accumulate) implements Instruction {

  /** The most planes of either operand (the encoding's 3-bit plane counts hold 1 to 8). */
  public static final int MAX_PLANES = 8;

  public GemmBp {
    java.util.Objects.requireNonNull(deps, "deps");
  }

  /** Bytes of one operand row of {@code planes} planes of k columns: the zero-point byte, then planes x ceil(k / 8). */
  public static long rowBytes(int planes, long k) {
    return 1 + planes * ((k + 7) / 8);
  }

  /** Bytes of one weight row in WGT. */
  public long weightRowBytes() {
    return rowBytes(weightPlanes, k);
  }

  /** Bytes of one dense activation row in ACT. */
  public long activationRowBytes() {
    return rowBytes(activationPlanes, k);
  }

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitGemmBp(this);
  }

  @Override
  public Opcode opcode() {
    return Opcode.GEMM_BP;
  }

  @Override
  public GemmBp withDeps(Deps d) {
    return new GemmBp(d, wgtAddr, actAddr, accAddr, m, n, k, weightPlanes, activationPlanes, accumulate);
  }
}
