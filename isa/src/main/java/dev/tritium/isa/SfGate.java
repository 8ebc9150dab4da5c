package dev.tritium.isa;

import static dev.tritium.common.IntMath.ceilDiv;

/**
 * The gate a CFG SF_GATE value puts on the next GEMM.SF: which masks a weight must match to count. Masked sign
 * planes let a format keep its masks as it stores them (one bit per weight, or per column) instead of expanding them
 * into one ternary plane per class: a weight's sign comes from the SIGN_BITS plane GEMM.SF names, and it counts
 * only when the column mask C and the row mask M (each when used) hold the gate's values; otherwise it is 0.
 *
 * @param columns whether C[k] is used (bit 0)
 * @param columnValue the value C[k] must have (bit 1)
 * @param rows whether M[r][k] is used (bit 2)
 * @param rowValue the value M[r][k] must have (bit 3)
 */
public record SfGate(boolean columns, boolean columnValue, boolean rows, boolean rowValue) {

  /** No gate: every weight counts (the register's reset value 0). */
  public static final SfGate NONE = new SfGate(false, false, false, false);

  /**
   * The gate of a register value.
   *
   * @throws IllegalArgumentException for a value above 15, or one that sets a mask's value without using it
   */
  public static SfGate of(long value) {
    if (value < 0 || value > 15) {
      throw new IllegalArgumentException("SF_GATE " + value + ": expected 0..15 (bit 0 column mask, bit 1 its value,"
          + " bit 2 row mask, bit 3 its value)");
    }
    SfGate g = new SfGate((value & 1) != 0, (value & 2) != 0, (value & 4) != 0, (value & 8) != 0);
    if (!g.columns && g.columnValue || !g.rows && g.rowValue) {
      throw new IllegalArgumentException("SF_GATE " + value + ": a mask value bit (1 or 3) is set without its mask"
          + " bit (0 or 2)");
    }
    return g;
  }

  /** The register value of this gate. */
  public long value() {
    return (columns ? 1 : 0) | (columnValue ? 2 : 0) | (rows ? 4 : 0) | (rowValue ? 8 : 0);
  }

  /** True when any mask is used. */
  public boolean active() {
    return columns || rows;
  }

  /** Whether a weight with column bit {@code c} and row-mask bit {@code m} counts. */
  public boolean passes(boolean c, boolean m) {
    return (!columns || c == columnValue) && (!rows || m == rowValue);
  }

  /** Bytes of the mask section at SF_MASK_ADDR for n rows of k weights: n rows of M, then C. */
  public static long maskBytes(long n, long k) {
    return (n + 1) * ceilDiv(k, 8);
  }
}
