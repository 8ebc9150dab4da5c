package dev.tritium.models.io;

/** The NumPy dtypes Tritium reads and writes: little-endian, C order. */
public enum NpyDtype {
  /** {@code <f4}. */
  FLOAT32("<f4", 4),
  /** {@code |i1} (byte order is irrelevant for one byte, so {@code <i1} and {@code i1} are read too). */
  INT8("|i1", 1),
  /** {@code <i4}. */
  INT32("<i4", 4);

  private final String descr;
  private final int itemBytes;

  NpyDtype(String descr, int itemBytes) {
    this.descr = descr;
    this.itemBytes = itemBytes;
  }

  /** The descr string NumPy writes. */
  public String descr() {
    return descr;
  }

  /** Bytes per element. */
  public int itemBytes() {
    return itemBytes;
  }

  /** The dtype for a descr string, or null when unsupported. */
  static NpyDtype fromDescr(String descr) {
    switch (descr) {
      case "<f4":
        return FLOAT32;
      case "|i1":
      case "<i1":
      case "i1":
        return INT8;
      case "<i4":
        return INT32;
      default:
        return null;
    }
  }
}
