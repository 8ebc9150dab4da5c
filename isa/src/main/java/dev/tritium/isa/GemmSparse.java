package dev.tritium.isa;

/**
 * GEMM.SP: the sparse int8 outliers of a weight format (PB-LLM's salient weights) on the vector unit's fp32 lanes:
 * {@code OUT[m][n] (+)= sum_e q_e * A[m][col_e]} over the entries e of output row n, in stored order. The
 * entries are a CSR block in VEC at csr_addr: n + 1 uint32 row pointers (0 first, CFG SPARSE_ENTRIES last), then
 * the SPARSE_ENTRIES entries, one 32-bit word each (bits 0..23 the column, below k; bits 24..31 q as int8). A is fp32 in VEC (rows at ACT_ROW_STRIDE_BYTES, 0: 4k),
 * OUT fp32 in VEC (rows at ACC_ROW_STRIDE_BYTES, 0: 4n). Per output: {@code s = 0f} (or OUT), then
 * {@code s = s + ((float) q) * a} per entry, product and sum each rounded to fp32 (isa/README.md).
 *
 * <p>With CFG SPARSE_BITMAP_ADDR set the index is a bitmap in WGT instead (n rows of ceil(k/8) bytes; the entries of
 * row n are its set bits, columns ascending), and the block at csr_addr holds only the int8 values, four to a word,
 * row-major: {@link #bitmapValueBytes} bytes.
 */
public record GemmSparse(Deps deps, long csrAddr, long actAddr, long outAddr, int m, int n, int k,
    boolean accumulate) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitGemmSparse(this);
  }

  public GemmSparse {
    java.util.Objects.requireNonNull(deps, "deps");
  }

  @Override
  public Opcode opcode() {
    return Opcode.GEMM_SP;
  }

  /** Bytes of the value block of a bitmap-indexed GEMM.SP with {@code entries} values: whole 32-bit words. */
  public static long bitmapValueBytes(long entries) {
    return 4 * ((entries + 3) / 4);
  }

  /** Bytes of the bitmap index of n rows of k columns. */
  public static long bitmapBytes(long n, long k) {
    return n * ((k + 7) / 8);
  }

  @Override
  public GemmSparse withDeps(Deps d) {
    return new GemmSparse(d, csrAddr, actAddr, outAddr, m, n, k, accumulate);
  }
}
