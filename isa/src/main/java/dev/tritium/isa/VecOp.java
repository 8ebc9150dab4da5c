package dev.tritium.isa;

/**
 * Vector-unit operations (the {@code op} field of {@code VEC.<op>}). Exact fp32 semantics, including
 * the order of every floating-point operation, are in isa/README.md.
 */
public enum VecOp {
  /** fp32 VEC [rows][len] at src_a to int8 ACT at dst, per-row scales s_x to VEC at src_b. */
  QUANT,
  /** int32 ACC [rows][len] at src_a to fp32 VEC at dst: acc / (s_w * s_x[row]); s_x from VEC at src_b. */
  DEQUANT,
  /** RMSNorm of each VEC row, gamma [len] at src_b, eps from CFG RMSNORM_EPS. */
  RMSNORM,
  /** dst = a + b. */
  ADD,
  /** dst = a * b. */
  MUL,
  /** dst = relu(a)^2 * b. */
  GATE_RELU2,
  /** dst = silu(a) * b. */
  GATE_SILU,
  /** Row-wise softmax; imm = causal valid length of row 0 (row r: imm + r), 0 = all columns. */
  SOFTMAX,
  /** Rotary embedding; imm = position of row 0; head_dim and theta from CFG. */
  ROPE,
  /** dst = a (32-bit words copied unchanged). */
  COPY,
  /** fp32 VEC [rows][len] at src_a to IEEE binary16 in ACT at dst (2 bytes per value, round to nearest even). */
  TO_F16,
  /** dst = a * f, f the fp32 CFG register VEC_SCALE (attention's 1/sqrt(head_dim)). */
  SCALE,
  /** dst = a rounded to IEEE binary16 (nearest even) and widened back to fp32: fp16 activations in fp32 lanes. */
  ROUND_F16,
  /** dst = a[r][j] * b[j] (b one row for every row); imm 1: dst = dst + a[r][j] * b[j]. */
  MUL_ROW,
  /** dst = a[r] * b[j] (a one value per row, b one row); imm 1: dst = dst + a[r] * b[j]. */
  OUTER,
  /**
   * Fast Walsh-Hadamard transform of each row (Sylvester order, unnormalised, block-diagonal with slices of
   * b = len &amp; -len; len must be even); the butterfly order is in isa/README.md.
   */
  FWHT,
  /**
   * int32 ACC [rows][len] at src_a to fp32 VEC at dst with per-output weight steps and per-row activation scales
   * (src_b: s_w [len] then s_x [rows]): imm 0 {@code y = 0f + t}, imm 1 {@code y = dst + t}, with
   * {@code t = ((float) acc * s_w[j]) * s_x[r]} (one group of an integer format, Atom); imm 2
   * {@code y = ((float) acc * s_w[j]) / s_x[r]} (w8a8, s_x VEC.QUANT's scale).
   */
  ACC_SCALE,
  /**
   * fp32 VEC [rows][len] at src_a to one record per row in ACT at dst: each group of G values on the asymmetric
   * b-bit grid (fp16 step, b-bit zero point), codes packed (imm = G | (b - 1) << 12; layout and order: {@link
   * KvCodes}, isa/README.md). A quantized KV cache's append.
   */
  KV_QUANT,
  /**
   * Records [rows] in ACT at src_a (as KV_QUANT writes them, same imm) to IEEE binary16 in ACT at dst [rows][len]:
   * {@code f16((float) (q - z) * step)}. A quantized KV cache read back for fp16 attention (GEMM.F16).
   */
  KV_DEQUANT;

  /** ACC_SCALE's imm: write {@code 0f + t}. */
  public static final int ACC_SCALE_WRITE = 0;
  /** ACC_SCALE's imm: add t to dst. */
  public static final int ACC_SCALE_ADD = 1;
  /** ACC_SCALE's imm: divide by the per-row scale instead (w8a8). */
  public static final int ACC_SCALE_DIVIDE = 2;

  /** Binary code (equal to the ordinal; append-only, pinned by a test). */
  public int code() {
    return ordinal();
  }

  /** True for the ops whose imm names a {@link KvCodes} grid. */
  public boolean kvCodes() {
    return this == KV_QUANT || this == KV_DEQUANT;
  }

  /** True for ops that read a second operand at src_b (or, for QUANT, write the scales there). */
  public boolean usesSrcB() {
    return this != SOFTMAX && this != ROPE && this != COPY && this != TO_F16 && this != SCALE && this != ROUND_F16
        && this != FWHT && this != KV_QUANT && this != KV_DEQUANT;
  }
}
