package dev.tritium.isa;

/**
 * Opcodes (6-bit field at bit 0). Code 0 is deliberately invalid so that zeroed memory never decodes
 * as a program. Codes are stable: never renumber, only append.
 */
public enum Opcode {
  LOAD(1, "LOAD"),
  STORE(2, "STORE"),
  GEMM_T(3, "GEMM.T"),
  LUT_BUILD(4, "LUT.BUILD"),
  LUT_GEMM(5, "LUT.GEMM"),
  GEMM_I8(6, "GEMM.I8"),
  VEC(7, "VEC"),
  CFG(8, "CFG"),
  LOOP_WEIGHTS(9, "LOOP.WEIGHTS"),
  LOOP_BOUNDS(10, "LOOP.BOUNDS"),
  LOOP_GEMM(11, "LOOP.GEMM"),
  SYNC(12, "SYNC"),
  FINISH(13, "FINISH"),
  GEMM_F16(14, "GEMM.F16"),
  GEMM_SF(15, "GEMM.SF"),
  GEMM_SP(16, "GEMM.SP"),
  LUT_BUILD_F16(17, "LUT.BUILD.F16"),
  LUT_GEMM_F16(18, "LUT.GEMM.F16"),
  GEMM_IW(19, "GEMM.IW"),
  GEMM_Q2(20, "GEMM.Q2"),
  QUANT_IG(21, "QUANT.IG"),
  GEMM_BP(22, "GEMM.BP"),
  QUANT_BP(23, "QUANT.BP"),
  LUT_BUILD_BP(24, "LUT.BUILD.BP"),
  LUT_GEMM_BP(25, "LUT.GEMM.BP");

  private final int code;
  private final String mnemonic;

  Opcode(int code, String mnemonic) {
    this.code = code;
    this.mnemonic = mnemonic;
  }

  public int code() {
    return code;
  }

  /** The assembly mnemonic (VEC is written {@code VEC.<op>}). */
  public String mnemonic() {
    return mnemonic;
  }

  /** The opcode with this code, or null. */
  public static Opcode fromCode(int code) {
    for (Opcode o : values()) {
      if (o.code == code) {
        return o;
      }
    }
    return null;
  }
}
