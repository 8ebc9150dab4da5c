package dev.tritium.fpga.hls;

/** Element types of the exported arrays (stdint widths; float is IEEE binary32). */
public enum CType {
  FLOAT32("float", 4),
  INT8("int8_t", 1),
  UINT8("uint8_t", 1),
  INT32("int32_t", 4);

  private final String c;
  private final int bytes;

  CType(String c, int bytes) {
    this.c = c;
    this.bytes = bytes;
  }

  /** The C type name. */
  public String c() {
    return c;
  }

  /** Bytes per element in memory and in the golden files (little-endian). */
  public int bytes() {
    return bytes;
  }
}
