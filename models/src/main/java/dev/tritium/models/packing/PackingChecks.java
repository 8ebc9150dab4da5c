package dev.tritium.models.packing;

/** Argument checks shared by all packings, so every layout reports bad input the same way. */
final class PackingChecks {

  private PackingChecks() {}

  static void shape(String packing, int rows, int cols) {
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(packing + ": matrix needs positive rows and cols, got " + rows + "x" + cols);
    }
  }

  static void values(String packing, byte[] values, int rows, int cols) {
    shape(packing, rows, cols);
    if ((long) rows * cols != values.length) {
      throw new IllegalArgumentException(packing + ": a " + rows + "x" + cols + " matrix needs "
          + (long) rows * cols + " values, got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] < -1 || values[i] > 1) {
        throw new IllegalArgumentException(packing + ": weight at row " + (i / cols) + ", col " + (i % cols)
            + " is " + values[i] + ", expected -1, 0 or 1");
      }
    }
  }

  static int byteCount(String packing, long bytes) {
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(packing + ": " + bytes + " bytes do not fit one Java array");
    }
    return (int) bytes;
  }

  static void packedLength(String packing, byte[] packed, long expected, int rows, int cols) {
    if (packed.length != expected) {
      throw new IllegalArgumentException(packing + ": a " + rows + "x" + cols + " matrix packs into " + expected
          + " bytes, got " + packed.length);
    }
  }

  static IllegalArgumentException corrupt(String packing, int row, String what) {
    return new IllegalArgumentException(packing + ": corrupt data in row " + row + ": " + what);
  }
}
