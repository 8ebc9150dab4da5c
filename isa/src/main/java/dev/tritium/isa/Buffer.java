package dev.tritium.isa;

/**
 * The named on-chip SRAM buffers. Addresses are byte addresses within one buffer. ACC and VEC hold
 * 32-bit words, so every access to them must be 4-byte aligned; LUT holds int16 table entries, so LUT
 * accesses are 2-byte aligned.
 */
public enum Buffer {
  /** Packed ternary weights (or LUT weight-group indices). */
  WGT(1),
  /** int8 activations and int8 attention operands. */
  ACT(1),
  /** int32 accumulators. */
  ACC(4),
  /** LUT-core tables of int16 partial sums. */
  LUT(2),
  /** fp32 vector scratch: norms, residual stream, scales, softmax. */
  VEC(4);

  private final int alignmentBytes;

  Buffer(int alignmentBytes) {
    this.alignmentBytes = alignmentBytes;
  }

  /** Required alignment of every address, row length and stride used in this buffer. */
  public int alignmentBytes() {
    return alignmentBytes;
  }

  /** Binary code (equal to the ordinal; append-only, pinned by a test). */
  public int code() {
    return ordinal();
  }
}
