package dev.tritium.isa;

/** The compute unit a LOOP.GEMM macro drives: the ternary MAC array or the LUT tensor core. */
public enum Unit {
  MAC,
  LUT;

  /** Binary code (equal to the ordinal; append-only, pinned by a test). */
  public int code() {
    return ordinal();
  }
}
