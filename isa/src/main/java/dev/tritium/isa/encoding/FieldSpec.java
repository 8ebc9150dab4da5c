package dev.tritium.isa.encoding;

import java.util.List;

/**
 * One field of an instruction format: name (as written in assembly), bit offset within the 128-bit
 * little-endian instruction word, width, kind and, for enums, the names indexed by code.
 */
public record FieldSpec(String name, int offset, int width, FieldKind kind, List<String> enumNames,
    String description) {

  public FieldSpec {
    enumNames = List.copyOf(enumNames);
    if (width < 1 || width > 64 || offset < 0 || offset + width > 128) {
      throw new IllegalArgumentException("field " + name + " at bit " + offset + " width " + width
          + " does not fit a 128-bit instruction");
    }
    if ((kind == FieldKind.ENUM) == enumNames.isEmpty()) {
      throw new IllegalArgumentException("field " + name + ": enum names are required exactly for ENUM fields");
    }
  }

  /** Largest value the field holds. */
  public long maxValue() {
    return width == 64 ? -1L : (1L << width) - 1;
  }

  /** True when {@code v} is a legal value for this field (fits, and names an enum constant). */
  public boolean isLegal(long v) {
    if (v < 0 || v > maxValue()) {
      return false;
    }
    return kind != FieldKind.ENUM || v < enumNames.size();
  }

  /** Human summary of the legal values, for error messages. */
  public String legalValues() {
    return switch (kind) {
      case ENUM -> "one of " + String.join(", ", enumNames);
      case BOOL -> "0 or 1";
      default -> "0.." + maxValue() + " (" + width + " bits)";
    };
  }
}
