package dev.tritium.isa;

/**
 * GEMM.SP: the sparse int8 outliers of a weight format (PB-LLM's salient weights) on the vector unit's fp32 lanes:
 * {@code OUT[m][n] (+)= sum_e q_e * A[m][col_e]} over the entries e of output row n, in stored order. The
 * entries are a CSR block in VEC at csr_addr: n + 1 uint32 row pointers (0 first, CFG SPARSE_ENTRIES last), then
 * the SPARSE_ENTRIES entries, one 32-bit word each (bits 0..23 the column, below k; bits 24..31 q as int8). A is fp32 in VEC (rows at ACT_ROW_STRIDE_BYTES, 0: 4k),
 * OUT fp32 in VEC (rows at ACC_ROW_STRIDE_BYTES, 0: 4n). Per output: {@code s = 0f} (or OUT), then
 * {@code s = s + ((float) q) * a} per entry, product and sum each rounded to fp32 (isa/README.md).
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

  @Override
  public GemmSparse withDeps(Deps d) {
    return new GemmSparse(d, csrAddr, actAddr, outAddr, m, n, k, accumulate);
  }
}
