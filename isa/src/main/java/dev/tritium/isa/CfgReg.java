package dev.tritium.isa;

/**
 * Configuration registers written by {@code CFG reg=.. value=..} (compute queue, program order).
 * All registers reset to 0. A stride of 0 means "dense" (the natural row length). Float registers
 * hold fp32 bits; 0 means "not configured" and the validator rejects an instruction that needs one.
 */
public enum CfgReg {
  /** Row stride in bytes of ACT operands of GEMM.T, LUT.BUILD, GEMM.I8 (0: k bytes) and GEMM.F16 (0: 2k bytes). */
  ACT_ROW_STRIDE_BYTES(false),
  /** Row stride in bytes of int32 ACC tiles of GEMM.T, LUT.GEMM and GEMM.I8 (0: 4 n bytes). */
  ACC_ROW_STRIDE_BYTES(false),
  /** Per-token stride in bytes of LUT tables (0: ceil(k/g) tables). */
  LUT_ROW_STRIDE_BYTES(false),
  /** Per-tensor weight scale s_w used by VEC.DEQUANT (fp32). */
  DEQUANT_WEIGHT_SCALE(true),
  /** RMSNorm epsilon (fp32). */
  RMSNORM_EPS(true),
  /** RoPE head dimension (even, divides len). */
  ROPE_HEAD_DIM(false),
  /** RoPE base theta (fp32). */
  ROPE_THETA(true),
  /** The factor of VEC.SCALE (fp32). */
  VEC_SCALE(true),
  /**
   * Entries of the next GEMM.SP's CSR block (0: none): a static count, so the operand's extent and the instruction's
   * cycles are known without reading the data; the block's last row pointer must equal it.
   */
  SPARSE_ENTRIES(false),
  /**
   * Gate of the next GEMM.SF (0: none): bit 0 uses the column mask C, bit 1 the value of C[k] that passes, bit 2 the
   * row mask M, bit 3 the value of M[r][k] that passes. A weight passes when every used mask holds its value;
   * a weight that does not pass is 0. Needs SIGN_BITS weights, SF_MASK_ADDR and a MAC array with mask decoders
   * (isa/README.md, "Masked sign planes").
   */
  SF_GATE(false),
  /**
   * WGT byte address of the next gated GEMM.SF's masks: n rows of M (SIGN_BITS layout, ceil(k/8) bytes each),
   * then C (ceil(k/8) bytes, column c at bit c%8 of byte c/8). 0 is "not set", so a mask section never starts at
   * WGT byte 0.
   */
  SF_MASK_ADDR(false),
  /**
   * WGT byte address of the next GEMM.SP's bitmap index (0: its block is CSR): n rows of ceil(k/8) bytes, bit k%8 of
   * byte k/8 set at an outlier; the block in VEC then holds only the SPARSE_ENTRIES int8 values, row-major and
   * columns ascending, four to a word (isa/README.md, GEMM.SP).
   */
  SPARSE_BITMAP_ADDR(false);

  private final boolean isFloat;

  CfgReg(boolean isFloat) {
    this.isFloat = isFloat;
  }

  /** True when the register holds fp32 bits (assembly writes the value as a float literal). */
  public boolean isFloat() {
    return isFloat;
  }

  /**
   * Whether {@code value} is a usable setting of this register: nonzero (zero means "never set"), and for an
   * fp32 register a finite float. The one rule the validator and the simulator both apply.
   */
  public boolean usable(long value) {
    if (value == 0) {
      return false;
    }
    return !isFloat || Float.isFinite(Float.intBitsToFloat((int) value)) && Float.intBitsToFloat((int) value) != 0f;
  }

  /** The register's value as written in assembly: a float for fp32 registers, else the integer. */
  public String show(long value) {
    return isFloat ? Float.toString(Float.intBitsToFloat((int) value)) : Long.toString(value);
  }

  /** Binary code (equal to the ordinal; append-only, pinned by a test). */
  public int code() {
    return ordinal();
  }
}
