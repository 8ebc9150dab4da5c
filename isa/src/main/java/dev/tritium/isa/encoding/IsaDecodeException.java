package dev.tritium.isa.encoding;

/**
 * The only exception the decoder throws. It names the byte offset in the input, the instruction
 * index (-1 for the file header), the field and the reason, e.g.
 * {@code byte offset 40 (instruction #1), field opcode: unknown opcode 63}.
 */
public final class IsaDecodeException extends IllegalArgumentException {

  private final long byteOffset;
  private final int instructionIndex;
  private final String field;
  private final String reason;

  public IsaDecodeException(long byteOffset, int instructionIndex, String field, String reason) {
    super("byte offset " + byteOffset + (instructionIndex >= 0 ? " (instruction #" + instructionIndex + ")" : " (header)")
        + ", field " + field + ": " + reason);
    this.byteOffset = byteOffset;
    this.instructionIndex = instructionIndex;
    this.field = field;
    this.reason = reason;
  }

  public long byteOffset() {
    return byteOffset;
  }

  /** Index of the instruction being decoded, or -1 in the file header. */
  public int instructionIndex() {
    return instructionIndex;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
