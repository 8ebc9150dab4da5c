package dev.tritium.isa.validate;

import dev.tritium.isa.Buffer;

/**
 * The byte range [start, end) of one buffer an instruction operand reads or writes. Strided operands
 * are described by their bounding range, {@code rows} rows of {@code rowBytes} bytes {@code strideBytes}
 * apart.
 */
public record Access(Buffer buffer, String field, String what, long start, long rows, long rowBytes,
    long strideBytes, boolean write) {

  /** One past the last byte touched. */
  public long end() {
    return rows == 0 ? start : start + (rows - 1) * strideBytes + rowBytes;
  }

  public boolean overlaps(Access o) {
    return buffer == o.buffer && start < o.end() && o.start < end();
  }

  /** e.g. {@code weights (64 rows x 640 bytes)}. */
  public String describe() {
    return what + " (" + rows + (rows == 1 ? " row" : " rows") + " x " + rowBytes + " bytes)";
  }

  public String range() {
    return String.format("[0x%x, 0x%x)", start, end());
  }
}
