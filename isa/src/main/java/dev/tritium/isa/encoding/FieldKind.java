package dev.tritium.isa.encoding;

/** How a field's bits are read. All fields are unsigned in the binary. */
public enum FieldKind {
  /** Unsigned integer, written in decimal in assembly. */
  UINT,
  /** Unsigned byte address (SRAM or DRAM), written in hex in assembly. */
  ADDR,
  /** One bit, written 0 or 1 in assembly. */
  BOOL,
  /** An enum code; assembly writes the name. */
  ENUM
}
